import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCatalogCsv } from '@zwfw/catalog';
import { runCapture } from '../testing';
import { candidateKinds } from './code-check';

const work = mkdtempSync(join(tmpdir(), 'zwfw-cli-test-'));
const fixtures = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (...argv: string[]) => runCapture(argv, { cwd: work });

describe('zwfw code check', () => {
  it('recognises each kind of code by its shape', () => {
    expect(candidateKinds('430421')).toEqual(['division']);
    expect(candidateKinds('430400000000')).toEqual(['division', 'basic']);
    expect(candidateKinds('00010400200A')).toEqual(['basic']);
    expect(candidateKinds('11010519491231002X')).toEqual(['resident-id', 'uscc']);
    expect(candidateKinds('91430408MA4T2DEM1P')).toEqual(['uscc']);
    expect(candidateKinds('11450721MB155808114000104002000')).toEqual(['implementation']);
    expect(candidateKinds('1.2.156.3005.2.X')).toEqual(['certificate-id']);
    expect(candidateKinds('12345')).toEqual([]);
  });

  it('exits 0 on a valid USCC and prints its parts', async () => {
    const result = await run('code', 'check', '91430408MA4T2DEM1P');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ valid  unified social credit code (USCC)  91430408MA4T2DEM1P');
    expect(result.stdout).toContain('division: 430408');
  });

  it('exits 1 on a wrong check character and says which one is expected', async () => {
    const result = await run('code', 'check', '91430408MA4T2DEM1Q');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('USCC_CHECK_CHAR');
    expect(result.stdout).toContain('expected P');
  });

  it('never prints a resident ID number in clear, in text or JSON', async () => {
    const id = '11010519491231002X';
    for (const argv of [
      ['code', 'check', id],
      ['code', 'check', id, '--json'],
    ]) {
      const result = await run(...argv);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(id);
      expect(result.stdout).not.toContain('19491231');
      expect(result.stdout).toContain('110105********002X');
    }
  });

  it('checks a certificate identifier and a division code', async () => {
    const identifier = JSON.parse(readFileSync(join(fixtures, 'certificate/business-licence.json'), 'utf8')).identifier;
    expect((await run('code', 'check', identifier)).code).toBe(0);
    const division = await run('code', 'check', '430421');
    expect(division.stdout).toContain('衡阳县');
  });

  it('exits 3 when the kind cannot be told, or --kind is unknown', async () => {
    const shape = await run('code', 'check', '12345');
    expect(shape.code).toBe(3);
    expect(shape.stderr).toContain('give --kind');
    const kind = await run('code', 'check', '430421', '--kind', 'zip');
    expect(kind.code).toBe(3);
    expect(kind.stderr).toContain('Unknown --kind "zip"');
  });
});

describe('zwfw catalog', () => {
  const catalog = join(fixtures, 'catalog/hengyang-catalog.json');

  it('validate: exits 0 on the Hengyang fixture and reports counts', async () => {
    const result = await run('catalog', 'validate', catalog);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\d+ items, \d+ without errors; 0 errors/);
  });

  it('validate: exits 1 and names item, rule and path when an item is broken', async () => {
    const document = JSON.parse(readFileSync(catalog, 'utf8'));
    document.items[0].promisedLimit = { value: 999, unit: document.items[0].legalLimit.unit };
    document.items[1].implementationCode = 'BROKEN';
    const file = join(work, 'broken.json');
    writeFileSync(file, JSON.stringify(document));
    const result = await run('catalog', 'validate', file, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.errors.length).toBeGreaterThanOrEqual(2);
    expect(report.errors.map((issue: { path: unknown[] }) => issue.path[0])).toEqual(expect.arrayContaining([0, 1]));
  });

  it('stats, readiness and diff run on JSON and on CSV', async () => {
    const stats = await run('catalog', 'stats', catalog);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/^\d+ items/);
    const readiness = await run('catalog', 'readiness', catalog, '--json');
    expect(JSON.parse(readiness.stdout)).toMatchObject({ itemCount: expect.any(Number) });
    const same = await run('catalog', 'diff', catalog, catalog);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/0 added, 0 removed, 0 changed/);
    const document = JSON.parse(readFileSync(catalog, 'utf8'));
    document.items[0].name = `${document.items[0].name}（修订）`;
    const changedFile = join(work, 'changed.json');
    writeFileSync(changedFile, JSON.stringify(document));
    const diff = await run('catalog', 'diff', catalog, changedFile);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('1 changed');
    expect(diff.stdout).toContain('（修订）');
    const csv = join(work, 'catalog.csv');
    writeFileSync(csv, formatCatalogCsv(JSON.parse(readFileSync(catalog, 'utf8')).items.slice(0, 20)));
    const fromCsv = await run('catalog', 'validate', csv);
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toMatch(/20 items, 20 without errors/);
  });

  it('exits 3 with a clear message on a file that is not a catalog', async () => {
    const file = join(work, 'not-a-catalog.json');
    writeFileSync(file, '{"hello": 1}');
    const result = await run('catalog', 'stats', file);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('holds no items');
    const missing = await run('catalog', 'validate', join(work, 'nope.json'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('zwfw cert, seal keygen and seal sign', () => {
  it('issues a licence, seals it with a keygen PKI, and the seal verifies', async () => {
    const issue = await run(
      'cert',
      'issue',
      join(fixtures, 'certificate/business-licence.json'),
      '--out',
      join(work, 'certs'),
    );
    expect(issue.code).toBe(0);
    expect(issue.stderr).toContain('1 issued, 0 failed');
    const [pdfName] = readdirSync(join(work, 'certs'));
    const pdf = join(work, 'certs', pdfName as string);

    const keygen = await run('seal', 'keygen', '--out', join(work, 'pki'));
    expect(keygen.code).toBe(0);
    expect(keygen.stdout).toContain('tests only');
    expect(existsSync(join(work, 'pki/seal-key.pem'))).toBe(true);

    const sealed = join(work, 'sealed.pdf');
    const sign = await run(
      'seal',
      'sign',
      pdf,
      '--key',
      join(work, 'pki/seal-key.pem'),
      '--cert',
      join(work, 'pki/seal-cert.pem'),
      '--chain',
      join(work, 'pki/seal-chain.pem'),
      '--rect',
      '600,78,120',
      '--out',
      sealed,
    );
    expect(sign.stderr).toBe('');
    expect(sign.code).toBe(0);
    const verify = await run(
      'verify',
      sealed,
      '--trust',
      join(work, 'pki/root.pem'),
      '--crl',
      join(work, 'pki/intermediate.crl.pem'),
      '--crl',
      join(work, 'pki/root.crl.pem'),
    );
    expect(verify.stdout).toContain('Verdict: valid (TOTAL_PASSED)');
    expect(verify.stdout).toContain('revocation: require');
    expect(verify.code).toBe(0);
    expect(execFileSync('pdfsig', [sealed], { encoding: 'utf8' })).toContain('Signature is Valid');

    const inspect = await run('cert', 'inspect', sealed, '--json');
    expect(JSON.parse(inspect.stdout).record.holder.name).toBe('衡阳市蒸湘区堃喆镕科技有限公司');
  });

  it('cert issue reports a bad record and goes on with the others (exit 1)', async () => {
    const good = JSON.parse(readFileSync(join(fixtures, 'certificate/business-licence.json'), 'utf8'));
    const file = join(work, 'batch.jsonl');
    writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, issueDate: 'yesterday' })}\n`);
    const result = await run('cert', 'issue', file, '--out', join(work, 'batch'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('#2: ERR_CERTIFICATE');
    expect(result.stderr).toContain('1 issued, 1 failed');
  });

  it('seal sign without a key exits 3 and says what to give', async () => {
    const file = join(work, 'x.pdf');
    writeFileSync(file, '%PDF-1.7\n');
    const result = await run('seal', 'sign', file);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('--key KEY.pem --cert CERT.pem');
  });
});

describe('help', () => {
  it('every command has --help with an example', async () => {
    const overview = await run('--help');
    const commands = overview.stdout
      .split('\n')
      .filter((line) => /^ {2}[a-z]/.test(line))
      .map((line) => line.trim().split(/\s{2,}/)[0] as string);
    expect(commands.length).toBeGreaterThanOrEqual(12);
    for (const command of commands) {
      const help = await run(...command.split(' '), '--help');
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`Usage: zwfw ${command}`);
      expect(help.stdout, command).toMatch(/Examples:\n {2}zwfw /);
    }
  });
});
