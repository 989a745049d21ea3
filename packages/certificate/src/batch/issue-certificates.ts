import { createHash } from 'node:crypto';
import { CertificateError, isCertificateError } from '../errors';
import { describe } from '../internal/describe';
import { type CertificateRecord, CertificateRecordSchema } from '../model/certificate-record';
import type { CertificateType } from '../model/certificate-type';
import { validateCertificateRecord } from '../model/validate-certificate-record';
import type { CertificateFont } from '../render/fonts';
import { renderParsedCertificate } from '../render/render-document';
import type { CertificateTemplate } from '../templates/certificate-template';
import { JOBS_PER_WORKER, type RenderOutcome, WorkerPool } from './worker-pool';

/** One issued certificate, handed to {@link IssueCertificatesOptions.sink}. */
export interface IssuedCertificate {
  /** Position of the record in the input (0-based). */
  index: number;
  /** The parsed record. */
  record: CertificateRecord;
  /** The PDF. */
  pdf: Uint8Array;
  /** SHA-256 (hex) of the PDF, to store with the record (certificate.md §5). */
  sha256: string;
}

/** The outcome for one record, yielded by {@link issueCertificates}. Never holds the PDF when a sink is set. */
export type IssueResult =
  | { ok: true; index: number; identifier: string; size: number; sha256: string; pdf?: Uint8Array }
  | { ok: false; index: number; identifier?: string; error: { code: string; message: string } };

/** Progress counters passed to {@link IssueCertificatesOptions.onProgress}. */
export interface IssueProgress {
  /** Records finished (issued + failed). */
  done: number;
  /** Records issued. */
  issued: number;
  /** Records reported and skipped. */
  failed: number;
  /** Total bytes of the PDFs issued so far. */
  bytes: number;
}

/** Options of {@link issueCertificates}. */
export interface IssueCertificatesOptions {
  /** Template per record type code; a record whose type code is not listed uses `template`. */
  templates?: Record<string, CertificateTemplate>;
  /** Template for records without an entry in `templates`. */
  template?: CertificateTemplate;
  /** Certificate types to validate records against before rendering (by type code); failures are skipped. */
  types?: Record<string, CertificateType>;
  /**
   * Receives each PDF; the batch waits for it (back-pressure), and results then omit `pdf`. Without a sink every
   * result carries its PDF and memory is bounded only if the caller drops them.
   */
  sink?: (certificate: IssuedCertificate) => void | Promise<void>;
  /**
   * Worker threads rendering in parallel; `1` renders in the calling thread.
   * @defaultValue 1
   */
  concurrency?: number;
  /** Called after every record. */
  onProgress?: (progress: IssueProgress) => void;
  /** QR content per record (runs in the calling thread). @defaultValue the identifier */
  qrContent?: (record: CertificateRecord) => string;
  /** Clock (called once per record, in the calling thread). @defaultValue `() => new Date()` */
  now?: () => Date;
  /** Primary font (cloned into each worker once). @defaultValue the bundled Noto Sans SC */
  font?: CertificateFont;
  /** Fallback fonts. */
  fallbackFonts?: CertificateFont[];
}

/**
 * Issue a batch of certificates as an async iterable of results. Records are pulled lazily from `records` (an array,
 * iterable or async iterable, e.g. a database cursor) and at most `3 × concurrency` (2 on one thread) are in flight, so memory stays
 * bounded for any batch size when a `sink` stores the PDFs. A record that fails validation or rendering is reported
 * (`ok: false` with the error code) and skipped; the batch goes on. Results come in completion order with their
 * input `index`.
 *
 * @param records - the records.
 * @param options - templates, sink, concurrency, progress, QR content, clock, fonts.
 * @returns an async iterable of {@link IssueResult}; breaking out of the loop stops the workers.
 * @throws CertificateError `ERR_CERTIFICATE_INPUT_INVALID` (when iterated) for a missing template or a bad
 *   concurrency; `ERR_CERTIFICATE_WORKER_FAILED` when a worker cannot start or crashes.
 * @example
 * ```ts
 * for await (const result of issueCertificates(cursor, {
 *   template: BUSINESS_LICENCE_TEMPLATE, concurrency: 2,
 *   sink: ({ record, pdf }) => writeFile(`out/${record.identifier}.pdf`, pdf),
 * })) {
 *   if (!result.ok) console.warn(result.index, result.error.code);
 * }
 * ```
 */
export async function* issueCertificates(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: IssueCertificatesOptions,
): AsyncGenerator<IssueResult, IssueProgress, undefined> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `concurrency must be an integer 1–64, got ${String(concurrency)}`,
    );
  }
  const templates: Record<string, CertificateTemplate> = { ...(options.templates ?? {}) };
  if (options.template) templates[''] = options.template;
  if (Object.keys(templates).length === 0) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      'issueCertificates() needs options.template or options.templates',
    );
  }
  if (
    records === null ||
    typeof records !== 'object' ||
    !(Symbol.iterator in records || Symbol.asyncIterator in records)
  ) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `records must be an iterable or async iterable, got ${describe(records)}`,
    );
  }
  const fallbackFonts = options.fallbackFonts ?? [];
  const pool =
    concurrency > 1
      ? await WorkerPool.start(
          concurrency,
          templates,
          options.font ? { font: options.font, fallbackFonts } : { fallbackFonts },
        )
      : undefined;
  const renderOptions = { ...(options.font ? { font: options.font } : {}), fallbackFonts };
  const progress: IssueProgress = { done: 0, issued: 0, failed: 0, bytes: 0 };

  const processRecord = async (index: number, input: unknown): Promise<IssueResult> => {
    const parsed = CertificateRecordSchema.safeParse(input);
    const identifier = parsed.success ? parsed.data.identifier : undefined;
    const failure = (code: string, message: string): IssueResult =>
      identifier === undefined
        ? { ok: false, index, error: { code, message } }
        : { ok: false, index, identifier, error: { code, message } };
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => issue.path.join('.') || 'record').join(', ');
      return failure('ERR_CERTIFICATE_RECORD_INVALID', `Record ${index} does not match the record schema at ${where}`);
    }
    const record = parsed.data;
    const type = options.types?.[record.typeCode];
    if (type) {
      const report = validateCertificateRecord(record, type);
      if (!report.valid) {
        const errors = report.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message.en);
        return failure('ERR_CERTIFICATE_RECORD_INVALID', `Record ${index}: ${errors.join('; ')}`);
      }
    }
    const templateKey = record.typeCode in templates ? record.typeCode : '';
    const template = templates[templateKey];
    if (!template)
      return failure(
        'ERR_CERTIFICATE_INPUT_INVALID',
        `No template for type code ${record.typeCode}; add it to options.templates`,
      );
    let outcome: RenderOutcome;
    try {
      const qrContent = options.qrContent ? options.qrContent(record) : record.identifier;
      const now = (options.now ?? (() => new Date()))();
      if (pool) {
        outcome = await pool.render({ record, templateKey, qrContent, now: now.getTime() });
      } else {
        outcome = {
          ok: true,
          pdf: await renderParsedCertificate(record, template, { ...renderOptions, qrContent, now: () => now }),
        };
      }
    } catch (error) {
      if (isCertificateError(error) && error.code === 'ERR_CERTIFICATE_WORKER_FAILED') throw error;
      outcome = isCertificateError(error)
        ? { ok: false, code: error.code, message: error.message }
        : {
            ok: false,
            code: 'ERR_CERTIFICATE_INPUT_INVALID',
            message: `Rendering failed: ${error instanceof Error ? error.message : String(error)}`,
          };
    }
    if (!outcome.ok) return failure(outcome.code, outcome.message);
    const sha256 = createHash('sha256').update(outcome.pdf).digest('hex');
    if (options.sink) {
      await options.sink({ index, record, pdf: outcome.pdf, sha256 });
      return { ok: true, index, identifier: record.identifier, size: outcome.pdf.length, sha256 };
    }
    return { ok: true, index, identifier: record.identifier, size: outcome.pdf.length, sha256, pdf: outcome.pdf };
  };

  const iterator =
    Symbol.asyncIterator in records
      ? (records as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (records as Iterable<unknown>)[Symbol.iterator]();
  // Enough records in flight to keep every worker's queue full while results are handled.
  const window = concurrency === 1 ? 2 : concurrency * (JOBS_PER_WORKER + 1);
  const inflight = new Map<number, Promise<{ index: number; result: IssueResult }>>();
  let nextIndex = 0;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && inflight.size < window) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const index = nextIndex++;
        inflight.set(
          index,
          processRecord(index, next.value).then((result) => ({ index, result })),
        );
      }
      if (inflight.size === 0) break;
      const { index, result } = await Promise.race(inflight.values());
      inflight.delete(index);
      progress.done++;
      if (result.ok) {
        progress.issued++;
        progress.bytes += result.size;
      } else {
        progress.failed++;
      }
      options.onProgress?.({ ...progress });
      yield result;
    }
    return { ...progress };
  } finally {
    if (!exhausted) await iterator.return?.();
    await Promise.allSettled(inflight.values());
    await pool?.close();
  }
}
