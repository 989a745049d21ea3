/**
 * Signature algorithms a {@link Signer} can produce, named as in JOSE.
 *
 * - `RS256`: RSASSA-PKCS1-v1_5 with SHA-256 (RSA 2048 bits or more).
 * - `PS256`: RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt.
 * - `ES256` / `ES384`: ECDSA on P-256 / P-384 with SHA-256 / SHA-384; the raw signature is DER `Ecdsa-Sig-Value`.
 * - `EdDSA`: Ed25519 (pure, no pre-hash).
 * - `SM2-SM3`: GB/T 32918 SM2 with SM3 and a user ID (default {@link SM2_DEFAULT_USER_ID}); DER signature.
 */
export type SignatureAlgorithm = 'SM2-SM3' | 'ES256' | 'ES384' | 'RS256' | 'PS256' | 'EdDSA';

/** Digest algorithms used for message imprints and CMS digests. */
export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SM3';

/** Default SM2 user ID (GM/T 0009, GB/T 35276). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/**
 * Obtains an RFC 3161 time-stamp token for a message imprint (a digest). Implement it to use your own TSA transport;
 * {@link createTimestampClient} implements it over HTTP.
 *
 * @example
 * ```ts
 * const viaGateway: TimestampClient = {
 *   timestamp: async (imprint, hash) => gateway.requestToken({ imprint, hash }), // resolves to the DER token
 * };
 * ```
 */
export interface TimestampClient {
  /**
   * Requests a time-stamp token.
   *
   * @param imprint - the digest to time-stamp (the hash of the data, not the data).
   * @param hash - the algorithm that produced `imprint`.
   * @returns the DER `TimeStampToken` (a CMS `ContentInfo` of `SignedData` with a `TSTInfo`).
   */
  timestamp(imprint: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array>;
}

/**
 * How revocation is checked: CRLs first, then OCSP responses. Only what is supplied here (or embedded in the signed
 * document) and what your `ocsp` callback returns is used; the SDK itself fetches nothing.
 */
export interface RevocationPolicy {
  /** DER (or PEM) CRLs to consult. */
  crls?: Array<Uint8Array | string>;
  /** DER OCSPResponses to consult (e.g. saved earlier); used for certificates no CRL covers. */
  ocspResponses?: Uint8Array[];
  /**
   * Fetches an OCSP response for a certificate no CRL covers (your transport: the SDK never goes online itself).
   *
   * @param certificate - the certificate, DER.
   * @param issuer - its issuer, DER.
   * @returns a DER OCSPResponse, or undefined when none is available.
   */
  ocsp?: (certificate: Uint8Array, issuer: Uint8Array) => Promise<Uint8Array | undefined>;
  /**
   * `require`: no usable CRL or OCSP response for a certificate → INDETERMINATE (TRY_LATER).
   * `prefer`: none → WARNING, the result may still pass.
   * `off`: revocation is not checked (reported as NOT_APPLICABLE).
   */
  mode: 'require' | 'prefer' | 'off';
}

/**
 * What a verifier trusts, and how strict it is. No trust is implicit: a signature chains only to `trustAnchors`.
 *
 * @example
 * ```ts
 * const policy: TrustPolicy = {
 *   trustAnchors: [rootCertificateDer],
 *   intermediates: [intermediateDer],
 *   revocation: { crls: [crlDer], mode: 'require' },
 * };
 * ```
 */
export interface TrustPolicy {
  /** Trusted root (or other anchor) certificates, DER or PEM. */
  trustAnchors: Array<Uint8Array | string>;
  /** Extra certificates that may be used to build paths (never trusted on their own), DER or PEM. */
  intermediates?: Array<Uint8Array | string>;
  /** Revocation checking; default `{ mode: 'prefer' }`. */
  revocation?: RevocationPolicy;
  /** Validation time used when no trusted signing time is available; default: now. */
  validationTime?: Date;
  /** For GB/T 38540 seals: check the seal validity window at signing time or at validation time. */
  sealValidityTime?: 'signing-time' | 'validation-time';
  /**
   * Accepted signature algorithms; default: all of `RS256`, `PS256`, `ES256`, `ES384`, `EdDSA`, `SM2-SM3`. SHA-1,
   * MD5 and RSA keys under 2048 bits are never accepted.
   */
  acceptedAlgorithms?: SignatureAlgorithm[];
  /** SM2 user ID for SM2 verification; default {@link SM2_DEFAULT_USER_ID}. */
  sm2UserId?: string;
  /** PDF-specific strictness. */
  pdf?: {
    /**
     * `docmdp` (default): accept the form fills and annotations DocMDP permits (reported, never TOTAL_PASSED);
     * `none`: form fills and annotations after a signature fail it. Metadata changes follow `metadataChanges`.
     */
    allowIncrementalChanges?: 'docmdp' | 'none';
    /**
     * Changes to the document metadata (the trailer `/Info` dictionary and the catalog's XMP `/Metadata` stream)
     * after a signature; see {@link PdfMetadataChangePolicy}. Default `allow-with-signature`.
     */
    metadataChanges?: PdfMetadataChangePolicy;
    /**
     * Renders one page for PDF_VISUAL_DIFF. Without it the visual comparison is not performed (reported as INFO).
     * The library stays runtime-neutral: on Node, `createPdftoppmRenderer()` from `@zwfw/seal/node` is one.
     */
    renderPage?: PdfPageRenderer;
    /** Largest accepted PDF in bytes. */
    maxFileSize?: number;
  };
  /** Identifier of this policy, copied into the report. Default `zwfw-default`. */
  policyId?: string;
}

/**
 * What a verifier does with changes to the document metadata after a signature: the trailer `/Info` dictionary
 * (text values only) and the catalog's XMP `/Metadata` stream, when nothing else in the document uses them. Anything
 * else in those objects (another catalog key, an `/Info` value that refers to an object, a metadata stream that is
 * also page content) is a content change whatever this says.
 *
 * - `allow-with-signature` (default): accepted (PDF_METADATA_CHANGES WARNING) when the same incremental revision adds
 *   a signature or document time-stamp, as Adobe Acrobat and iText do when they add a signature (they update
 *   `/ModDate` and the XMP packet); a metadata change in a revision without one fails the earlier signatures.
 * - `reject`: every metadata change after a signature fails it (PDF_POST_SIGN_CHANGES and PDF_METADATA_CHANGES
 *   FAILED); for departments that want nothing but signatures, DSS and document time-stamps after a signature.
 * - `allow`: metadata changes are accepted (WARNING) in any revision.
 *
 * Under a DocMDP P=1 certification a metadata change is never accepted.
 */
export type PdfMetadataChangePolicy = 'allow-with-signature' | 'reject' | 'allow';

/** A rendered page: `width` × `height` pixels, rows top to bottom, grey (1 byte a pixel), RGB (3) or RGBA (4). */
export interface RenderedPage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Pixel data: `width * height * channels` bytes. */
  data: Uint8Array;
}

/**
 * Renders page `pageIndex` (0-based) of `pdf` as the last revision of that file defines it, at a resolution that
 * depends only on the page (the same page box must give the same size). Used by PDF_VISUAL_DIFF to compare the
 * signed revision with the final document; it should reject (throw) rather than hang, and bound time and memory.
 *
 * @example
 * ```ts
 * import { createPdftoppmRenderer } from '@zwfw/seal/node'; // Node, poppler-utils installed
 * const report = await validatePdf(pdf, { trustAnchors: [root], pdf: { renderPage: createPdftoppmRenderer() } });
 * ```
 */
export type PdfPageRenderer = (pdf: Uint8Array, pageIndex: number) => Promise<RenderedPage>;
