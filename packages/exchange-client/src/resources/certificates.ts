import { ExchangeError } from '../errors';
import { fromBase64 } from '../internal/bytes';
import { sha256Hex } from '../signing/canonical-request';
import {
  type CertificateFile,
  CertificateFileSchema,
  type CertificateQuery,
  CertificateQuerySchema,
  type CertificateRecord,
  CertificateRecordSchema,
  type CertificateVerification,
  CertificateVerificationSchema,
  type CertificateVerifyInput,
  CertificateVerifyInputSchema,
} from '../wire/certificates';
import { UseCauseSchema } from '../wire/common';
import {
  getData,
  type PageIterable,
  paginate,
  parseInput,
  type ReadOptions,
  type ResourceContext,
  segment,
  sendData,
  type WriteOptions,
} from './shared';

/** A downloaded certificate file: metadata and the bytes (SHA-256 checked). */
export interface DownloadedCertificate {
  /** File name, media type, hash as sent. */
  file: Omit<CertificateFile, 'contentBase64'>;
  /** The file content. */
  bytes: Uint8Array;
}

/** 电子证照: query by holder, download, verify. `useCause` (用证事由) is mandatory on reads. */
export interface CertificatesResource {
  /**
   * Certificates of a holder.
   * @param query - holderCode, holderType (`111`/`001`), certTypeCode?, useCause (required).
   * @returns lazily paged records.
   * @throws ExchangeValidationError `ERR_EXCHANGE_REQUEST_INVALID` when `useCause` is missing (nothing is sent).
   */
  findByHolder(query: CertificateQuery, options?: ReadOptions): PageIterable<CertificateRecord>;
  /**
   * Download a certificate file.
   * @param certId - the identifier.
   * @param options - `useCause` (required), signal.
   * @returns metadata and bytes whose SHA-256 matched.
   * @throws ExchangeError `ERR_EXCHANGE_RESPONSE_INVALID` when the bytes do not match the announced hash.
   */
  download(certId: string, options: ReadOptions & { useCause: string }): Promise<DownloadedCertificate>;
  /**
   * Ask the platform to verify an identifier (and optionally a file hash).
   * @param input - certId and optional sha256.
   * @returns the platform's verification.
   */
  verify(input: CertificateVerifyInput, options?: WriteOptions): Promise<CertificateVerification>;
}

export function createCertificatesResource(context: ResourceContext): CertificatesResource {
  return {
    findByHolder(query, options) {
      return paginate(
        context,
        'certificates.findByHolder',
        'certificates',
        () => ({ ...parseInput(CertificateQuerySchema, query, 'certificates.findByHolder') }),
        CertificateRecordSchema,
        options,
      );
    },
    async download(certId, options) {
      const useCause = parseInput(UseCauseSchema, options?.useCause, 'certificates.download (useCause)');
      const path = `certificates/${segment(certId, 'certId', 'certificates.download')}/file`;
      const data = await getData(context, 'certificates.download', path, CertificateFileSchema, options, { useCause });
      const { contentBase64, ...file } = data;
      const bytes = fromBase64(contentBase64);
      if ((await sha256Hex(bytes)) !== file.sha256) {
        throw new ExchangeError(
          'ERR_EXCHANGE_RESPONSE_INVALID',
          'certificates.download: the file does not match its announced sha256 (corrupted in transit); download it again',
        );
      }
      return { file, bytes };
    },
    async verify(input, options) {
      const body = parseInput(CertificateVerifyInputSchema, input, 'certificates.verify');
      return sendData(
        context,
        'certificates.verify',
        { path: 'certificates/verify', body },
        CertificateVerificationSchema,
        options,
      );
    },
  };
}
