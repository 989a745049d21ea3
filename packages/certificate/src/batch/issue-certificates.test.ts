import { describe, expect, it } from 'vitest';
import { FIXED_NOW, loadFixture } from '../../test/tools';
import { createCertificateId } from '../identifier/certificate-id';
import { BUSINESS_LICENCE_TYPE, PROOF_CERTIFICATE_TYPE } from '../model/builtin-types';
import type { CertificateRecord } from '../model/certificate-record';
import { readCertificatePdf } from '../render/read-certificate-pdf';
import { BUSINESS_LICENCE_TEMPLATE, PROOF_CERTIFICATE_TEMPLATE } from '../templates/builtin-templates';
import { type IssueProgress, type IssueResult, issueCertificates } from './issue-certificates';

function* proofs(count: number, badAt: number[] = []): Generator<unknown> {
  const base = loadFixture('proof');
  for (let i = 0; i < count; i++) {
    const serial = `HY2025${String(i + 1).padStart(6, '0')}`;
    const identifier = createCertificateId({ typeCode: base.typeCode, issuerCode: base.issuer.uscc, serial });
    const record: CertificateRecord = { ...base, identifier, number: `衡审证〔2025〕第${i + 1}号` };
    yield badAt.includes(i) ? { ...record, face: { ...record.face, content: '' } } : record;
  }
}

async function collect(iterable: AsyncIterable<IssueResult>): Promise<IssueResult[]> {
  const results: IssueResult[] = [];
  for await (const result of iterable) results.push(result);
  return results;
}

describe('issueCertificates', () => {
  it('issues in the calling thread, reports a bad record and goes on, streams PDFs to the sink', async () => {
    const stored: string[] = [];
    const progress: IssueProgress[] = [];
    const results = await collect(
      issueCertificates(proofs(5, [2]), {
        template: PROOF_CERTIFICATE_TEMPLATE,
        types: { [PROOF_CERTIFICATE_TYPE.typeCode]: PROOF_CERTIFICATE_TYPE },
        now: FIXED_NOW,
        sink: async ({ record, pdf }) => {
          const read = await readCertificatePdf(pdf);
          expect(read.record.identifier).toBe(record.identifier);
          stored.push(record.identifier);
        },
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    const failed = results.filter((r) => !r.ok);
    expect(failed).toMatchObject([{ index: 2, ok: false, error: { code: 'ERR_CERTIFICATE_RECORD_INVALID' } }]);
    expect((failed[0] as { error: { message: string } }).error.message).toContain('证明事项');
    expect(results.every((r) => !('pdf' in r))).toBe(true);
    expect(stored).toHaveLength(4);
    expect(progress.at(-1)).toMatchObject({ done: 5, issued: 4, failed: 1 });
  });

  it('renders in worker threads with the same bytes as the calling thread, reporting a worker-side error', async () => {
    const records = [...proofs(4)].map((r, i) =>
      i === 1 ? { ...(r as CertificateRecord), holder: { ...(r as CertificateRecord).holder, name: '王𪚥' } } : r,
    );
    const inline = await collect(issueCertificates(records, { template: PROOF_CERTIFICATE_TEMPLATE, now: FIXED_NOW }));
    const threaded = await collect(
      issueCertificates(records, { template: PROOF_CERTIFICATE_TEMPLATE, now: FIXED_NOW, concurrency: 2 }),
    );
    const byIndex = (list: IssueResult[]) =>
      list
        .filter((r) => r.ok)
        .sort((a, b) => a.index - b.index)
        .map((r) => (r.ok ? `${r.index}:${r.sha256}` : ''));
    expect(byIndex(threaded)).toEqual(byIndex(inline));
    expect(byIndex(threaded)).toHaveLength(3);
    expect(threaded.find((r) => !r.ok)).toMatchObject({
      index: 1,
      error: { code: 'ERR_CERTIFICATE_GLYPH_MISSING', message: expect.stringContaining('𪚥 (U+2A6A5)') },
    });
  });

  it('pulls records lazily: never more than 2 × concurrency in flight', async () => {
    let pulled = 0;
    let yielded = 0;
    let maxAhead = 0;
    function* counted() {
      for (const record of proofs(8)) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - yielded);
        yield record;
      }
    }
    for await (const _ of issueCertificates(counted(), { template: PROOF_CERTIFICATE_TEMPLATE, now: FIXED_NOW }))
      yielded++;
    expect(yielded).toBe(8);
    expect(maxAhead).toBeLessThanOrEqual(2);
  });

  it('picks the template by type code and validates input options', async () => {
    const results = await collect(
      issueCertificates([loadFixture('business-licence'), loadFixture('proof')], {
        templates: {
          [BUSINESS_LICENCE_TYPE.typeCode]: BUSINESS_LICENCE_TEMPLATE,
          [PROOF_CERTIFICATE_TYPE.typeCode]: PROOF_CERTIFICATE_TEMPLATE,
        },
        now: FIXED_NOW,
      }),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    await expect(
      collect(issueCertificates([], { template: PROOF_CERTIFICATE_TEMPLATE, concurrency: 0 })),
    ).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_INPUT_INVALID',
      message: 'concurrency must be an integer 1–64, got 0',
    });
    await expect(collect(issueCertificates([], {}))).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_INPUT_INVALID',
      message: 'issueCertificates() needs options.template or options.templates',
    });
  });
});
