import { createHash } from 'node:crypto';
import { SealError } from '../errors';
import { type BytesInput, describeInput, toBytes } from '../internal/asn1/input';
import { checkTimestampImprint } from '../internal/tsp/read-timestamp-token';
import type { TimestampClient } from '../types';
import { readPdfForUpdate, runUpdate } from './sign-pdf';

/** Options of {@link addDocumentTimestamp}. */
export interface DocumentTimestampOptions {
  /** Name of the new time-stamp field. Default `Signature1`, `Signature2`, … */
  fieldName?: string;
  /** DER bytes reserved for the token. Default 16384. */
  placeholderBytes?: number;
}

/**
 * Adds a document time-stamp (`/Type /DocTimeStamp`, `/SubFilter /ETSI.RFC3161`, PAdES B-LTA building block) as an
 * incremental update: an RFC 3161 token over the SHA-256 of the whole document except the token itself.
 *
 * @param pdf - the PDF bytes (`Uint8Array` or `ArrayBuffer`), usually already signed.
 * @param tsa - the time-stamp client.
 * @param options - field name and placeholder size.
 * @returns the time-stamped PDF.
 * @throws SealError `ERR_SEAL_INPUT_INVALID`, `ERR_SEAL_PDF_UNSUPPORTED`, `ERR_SEAL_PLACEHOLDER_TOO_SMALL`,
 * `ERR_SEAL_TIMESTAMP_FAILED` (the TSA failed or returned a token for another imprint).
 * @example
 * ```ts
 * const stamped = await addDocumentTimestamp(signedPdf, createTimestampClient({ url: 'http://tsa.example/tsr' }));
 * ```
 */
export async function addDocumentTimestamp(
  pdf: BytesInput,
  tsa: TimestampClient,
  options: DocumentTimestampOptions = {},
): Promise<Uint8Array> {
  const bytes = toBytes(pdf, 'pdf');
  if (typeof tsa !== 'object' || tsa === null || typeof tsa.timestamp !== 'function') {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `tsa must be a TimestampClient ({ timestamp() }), got ${describeInput(tsa)}.`,
    );
  }
  const placeholder = options.placeholderBytes ?? 16384;
  if (!Number.isInteger(placeholder) || placeholder < 256 || placeholder > 1024 * 1024) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `options.placeholderBytes must be an integer between 256 and 1048576, got ${String(placeholder)}.`,
    );
  }
  const file = readPdfForUpdate(bytes);
  const produce = async (content: Uint8Array[]) => {
    const hash = createHash('sha256');
    for (const chunk of content) hash.update(chunk);
    const imprint = new Uint8Array(hash.digest());
    let token: Uint8Array;
    try {
      token = await tsa.timestamp(imprint, 'SHA-256');
    } catch (cause) {
      throw new SealError('ERR_SEAL_TIMESTAMP_FAILED', 'the time-stamp client failed; check the TSA URL and network.', {
        cause,
      });
    }
    const problem = checkTimestampImprint(token, imprint);
    if (problem !== undefined)
      throw new SealError('ERR_SEAL_TIMESTAMP_FAILED', `the TSA returned an unusable token: ${problem}.`);
    return token;
  };
  const input = {
    type: 'DocTimeStamp' as const,
    subFilter: 'ETSI.RFC3161' as const,
    placeholderBytes: placeholder,
    ...(options.fieldName ? { fieldName: options.fieldName } : {}),
  };
  return runUpdate(file, input, produce, options.placeholderBytes !== undefined);
}
