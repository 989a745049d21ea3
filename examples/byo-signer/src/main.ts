// Bring your own signer (自带签名设备): the SDK's `Signer` is one method — `sign(data)` returning a raw signature — plus
// the certificate. Here an HSM-style signer keeps its key as a non-extractable WebCrypto `CryptoKey`, counts its calls
// and keeps an audit log; the same signer seals a certificate PDF (`signPdf`) and a JSON record (`signJson`), and
// both are then validated (`validatePdf`, `validateJson`).
//
// Run: pnpm --filter @example/byo-signer start [--out DIR]
import { createHash, webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROOF_CERTIFICATE_TEMPLATE, renderCertificatePdf } from '@zwfw/certificate';
import type { SignatureAlgorithm, Signer } from '@zwfw/seal';
import { signJson, validateJson } from '@zwfw/seal/json';
import { signPdf, validatePdf } from '@zwfw/seal/pdf';
import { createTestPki } from '@zwfw/seal/testing';

/** One entry of the signer's audit log: when, which call, and the SHA-256 of what was signed (never the data). */
export interface AuditEntry {
  call: number;
  at: string;
  dataSha256: string;
}

/**
 * An HSM-style ECDSA P-256 signer. The private key is imported once as a non-extractable `CryptoKey` (as an HSM
 * holds it); afterwards nothing can read it — the object only signs. WebCrypto returns ECDSA signatures as raw
 * `r‖s` (IEEE P1363), like most HSM and PKCS#11 APIs; the `Signer` contract wants DER `Ecdsa-Sig-Value`, so `sign`
 * converts.
 */
export class HsmSigner implements Signer {
  readonly algorithm: SignatureAlgorithm = 'ES256';
  readonly certificate: Uint8Array;
  readonly chain: Uint8Array[];
  readonly #key: webcrypto.CryptoKey;
  readonly #audit: AuditEntry[] = [];

  private constructor(key: webcrypto.CryptoKey, certificate: Uint8Array, chain: Uint8Array[]) {
    this.#key = key;
    this.certificate = certificate;
    this.chain = chain;
  }

  /** "Provision" the HSM: import a PKCS#8 P-256 key as non-extractable. The caller should then drop the PEM. */
  static async provision(pkcs8Pem: string, certificate: Uint8Array, chain: Uint8Array[]): Promise<HsmSigner> {
    const der = Buffer.from(pkcs8Pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const key = await webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    return new HsmSigner(key, certificate, chain);
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    this.#audit.push({
      call: this.#audit.length + 1,
      at: new Date().toISOString(),
      dataSha256: createHash('sha256').update(data).digest('hex'),
    });
    const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.#key, data));
    return ecdsaRawToDer(raw);
  }

  /** How many signatures were made. */
  get calls(): number {
    return this.#audit.length;
  }

  /** A copy of the audit log. */
  auditLog(): AuditEntry[] {
    return this.#audit.map((entry) => ({ ...entry }));
  }

  /** Whether the key can leave the "HSM" (it cannot: this returns false). */
  async canExportKey(): Promise<boolean> {
    return webcrypto.subtle.exportKey('pkcs8', this.#key).then(
      () => true,
      () => false,
    );
  }
}

/** `r‖s` (2 × 32 bytes) → DER `SEQUENCE { INTEGER r, INTEGER s }`. */
function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array): number[] => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    const trimmed = [...bytes.subarray(start)];
    return [0x02, ...((trimmed[0] ?? 0) & 0x80 ? [trimmed.length + 1, 0, ...trimmed] : [trimmed.length, ...trimmed])];
  };
  const body = [...integer(raw.subarray(0, raw.length / 2)), ...integer(raw.subarray(raw.length / 2))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

/** Throws (and so fails the example) unless `condition` holds. */
function expectThat(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outDir = resolve(values.out ?? fileURLToPath(new URL('../output', import.meta.url)));
  await mkdir(outDir, { recursive: true });

  // A test CA certifies the seal key; the key then goes into the "HSM" and is never readable again.
  const pki = await createTestPki();
  const signer = await HsmSigner.provision(pki.sealSignerEc.privateKeyPem, pki.sealSignerEc.certificate, [
    pki.intermediateCertificate.der,
  ]);
  console.log(`HSM signer provisioned (ES256); key exportable: ${await signer.canExportKey()}`);
  expectThat(!(await signer.canExportKey()), 'the key cannot be exported');

  // Seal a certificate PDF with it.
  const fixture = new URL('../../../fixtures/certificate/proof.json', import.meta.url);
  const record = JSON.parse(await readFile(fixture, 'utf8'));
  const pdf = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE);
  const sealed = await signPdf(pdf, signer, { reason: '出具证明', location: '湖南省衡阳市' });
  await writeFile(join(outDir, 'proof-sealed.pdf'), sealed);
  const pdfReport = await validatePdf(sealed, pki.policy());
  console.log(`signPdf → validatePdf: ${pdfReport.indication} (signature calls so far: ${signer.calls})`);

  // Sign a JSON record with the same signer.
  const jws = await signJson({ id: record.identifier, holder: record.holder.name, issued: record.issueDate }, signer);
  await writeFile(join(outDir, 'proof.jws'), `${jws}\n`);
  const jwsReport = await validateJson(jws, { ...pki.policy(), algorithms: ['ES256'] });
  console.log(`signJson → validateJson: ${jwsReport.indication} (signature calls so far: ${signer.calls})`);

  console.log('audit log:');
  for (const entry of signer.auditLog()) console.log(`  #${entry.call} ${entry.at} sha256=${entry.dataSha256}`);
  expectThat(pdfReport.indication === 'TOTAL_PASSED', 'the PDF sealed by the HSM signer validates');
  expectThat(jwsReport.indication === 'TOTAL_PASSED', 'the JWS signed by the HSM signer validates');
  expectThat(signer.calls === 2, 'exactly one signature per document');
  console.log('OK byo-signer: one Signer, two formats, both TOTAL_PASSED');
}

main().catch((error: unknown) => {
  console.error(`FAILED byo-signer: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
