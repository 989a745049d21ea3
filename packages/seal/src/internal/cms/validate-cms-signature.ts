import { type SignatureReport, type ValidationCheck, createCheck } from '../../report';
import type { TrustPolicy } from '../../types';
import { oid, readSingle, readTime } from '../asn1/der';
import { bytesEqual } from '../asn1/input';
import { OID } from '../asn1/oids';
import { validateCertificatePath } from '../trust/validate-certificate-path';
import { validateTimestampToken } from '../tsp/validate-timestamp-token';
import { checkAlgorithmProtection } from './algorithm-protection';
import { type ParsedSignedData, parseSignedData } from './parse-signed-data';
import { revocationInfoArchival } from './revocation-archival';
import { verifySignerInfo } from './verify-signer-info';

/** Input of {@link validateCmsSignature}. */
export interface ValidateCmsSignatureInput {
  /** DER ContentInfo(SignedData); trailing zero bytes (PDF /Contents padding) are tolerated. */
  cms: Uint8Array;
  /** The signed bytes (detached content), in chunks. */
  content: Uint8Array[];
  policy: TrustPolicy;
  /** `PAdES` requires signing-certificate-v2 and warns on signing-time; `PKCS7` only warns without an ESS attribute. */
  profile: 'PAdES' | 'PKCS7';
  /** Time claimed outside the CMS (PDF /M); used when there is no signing-time attribute. */
  claimedSigningTime?: Date;
  /** Validation data found outside the CMS (a PDF DSS): DER certificates, CRLs and OCSP responses. */
  validationData?: { certificates?: Uint8Array[]; crls?: Uint8Array[]; ocspResponses?: Uint8Array[] };
}

/** Result of {@link validateCmsSignature}. */
export interface CmsSignatureResult {
  checks: ValidationCheck[];
  signer?: SignatureReport['signer'];
  /** genTime of a valid signature-time-stamp. */
  bestSignatureTime?: Date;
  /** Claimed time: the signing-time attribute, else the input's claimedSigningTime. */
  claimedSigningTime?: Date;
  level: NonNullable<SignatureReport['level']>;
}

const ID_DATA_ATTRIBUTE = oid(OID.data);
/** GM/T 0010 data OID: SM2 CMS from Chinese products may use it instead of id-data. */
const GM_DATA_ATTRIBUTE = oid(OID.gmData);
/** Tolerance between a claimed signing time and a later time-stamp (clock skew of the signer). */
const CLAIMED_TIME_SKEW_MS = 5 * 60_000;

function formatFailure(en: string): CmsSignatureResult {
  return {
    checks: [createCheck('CMS_FORMAT', 'FAILED', '签名数据 (CMS) 格式错误', en, { subIndication: 'FORMAT_FAILURE' })],
    level: 'NONE',
  };
}

/**
 * Validates a detached CMS signature over `content`: structure, content type, message digest, signature value,
 * signing certificate (DER-equal issuer + serial, or SKI), ESS signing-certificate-v2, signing-time attribute, algorithm
 * allow-list, signature-time-stamp (B-T), then the signer's certificate path at the best known time, with revocation
 * data from the policy, the CMS, Adobe's revocationInfoArchival attribute and the caller (PDF DSS). Never throws:
 * garbage in gives FAILED checks.
 */
export async function validateCmsSignature(input: ValidateCmsSignatureInput): Promise<CmsSignatureResult> {
  try {
    return await validate(input);
  } catch (error) {
    return formatFailure(`unexpected error while validating the CMS: ${(error as Error).message}`);
  }
}

async function validate(input: ValidateCmsSignatureInput): Promise<CmsSignatureResult> {
  let signedData: ParsedSignedData;
  try {
    signedData = parseSignedData(input.cms);
  } catch (error) {
    return formatFailure(`the CMS cannot be parsed: ${(error as Error).message}`);
  }
  if (signedData.trailingNonZero) return formatFailure('non-zero bytes follow the CMS ContentInfo');
  if (signedData.signerInfos.length !== 1) {
    return formatFailure(`the CMS has ${signedData.signerInfos.length} SignerInfos; exactly one is required`);
  }
  const signerInfo = signedData.signerInfos[0]!;
  if (signerInfo.signedAttributesDer === undefined) return formatFailure('the SignerInfo has no signed attributes');
  if (signerInfo.duplicateAttributes.length > 0) {
    return formatFailure(`signed attributes occur more than once: ${signerInfo.duplicateAttributes.join(', ')}`);
  }
  const checks: ValidationCheck[] = [
    createCheck('CMS_FORMAT', 'PASSED', 'CMS 结构正确', 'one SignedData with one SignerInfo and signed attributes', {
      details: { trailingZeroBytes: signedData.trailingBytes },
    }),
  ];

  const contentTypeAttribute = signerInfo.signedAttributes.get(OID.contentType);
  const gmDialect = signedData.contentType === OID.gmData;
  const contentTypeOk =
    (signedData.contentType === OID.data || gmDialect) &&
    signedData.content === undefined &&
    contentTypeAttribute?.length === 1 &&
    bytesEqual(contentTypeAttribute[0]!, gmDialect ? GM_DATA_ATTRIBUTE : ID_DATA_ATTRIBUTE);
  checks.push(
    contentTypeOk
      ? createCheck(
          'CMS_CONTENT_TYPE',
          'PASSED',
          '内容类型为 id-data，分离式签名',
          'content type id-data, detached (no eContent)',
        )
      : createCheck(
          'CMS_CONTENT_TYPE',
          'FAILED',
          '内容类型错误或包含内嵌内容',
          signedData.content !== undefined
            ? 'the CMS encapsulates content; a PDF signature must be detached'
            : 'eContentType or the content-type attribute is not id-data',
          { subIndication: 'FORMAT_FAILURE' },
        ),
  );

  const core = await verifySignerInfo({
    signedData,
    signerInfo,
    content: input.content,
    policy: input.policy,
    essAttribute: input.profile === 'PAdES' ? 'required' : 'preferred',
  });
  checks.push(...core.checks);
  const protection = checkAlgorithmProtection(signerInfo);
  if (protection !== undefined) checks.push(protection);

  // signing-time attribute
  let claimedSigningTime = input.claimedSigningTime;
  const signingTime = signerInfo.signedAttributes.get(OID.signingTime);
  if (signingTime === undefined) {
    checks.push(createCheck('CMS_SIGNING_TIME_ATTR', 'PASSED', '无签名时间属性', 'no signing-time attribute'));
  } else {
    let attributeTime: Date | undefined;
    try {
      attributeTime =
        signingTime.length === 1 ? readTime(readSingle(signingTime[0]!, 'signing-time'), 'signing-time') : undefined;
    } catch {
      attributeTime = undefined;
    }
    if (attributeTime !== undefined) claimedSigningTime = attributeTime;
    checks.push(
      attributeTime === undefined
        ? createCheck(
            'CMS_SIGNING_TIME_ATTR',
            'FAILED',
            '签名时间属性格式错误',
            'the signing-time attribute is malformed',
            { subIndication: 'FORMAT_FAILURE' },
          )
        : input.profile === 'PAdES'
          ? createCheck(
              'CMS_SIGNING_TIME_ATTR',
              'WARNING',
              'PAdES 签名不应包含签名时间属性',
              'a PAdES signature should not carry a signing-time attribute (use /M)',
              {
                details: { signingTime: attributeTime.toISOString() },
              },
            )
          : createCheck(
              'CMS_SIGNING_TIME_ATTR',
              'INFO',
              '签名声称的时间',
              `claimed signing time ${attributeTime.toISOString()}`,
              {
                details: { signingTime: attributeTime.toISOString() },
              },
            ),
    );
  }

  // signature-time-stamp (B-T)
  let bestSignatureTime: Date | undefined;
  const tokens = signerInfo.unsignedAttributes.get(OID.signatureTimeStamp) ?? [];
  for (const token of tokens) {
    const result = await validateTimestampToken({
      token,
      data: [signerInfo.signature],
      policy: input.policy,
      crls: signedData.crls,
    });
    // A bad signature-time-stamp does not break the signature itself: it only gives no proof of existence.
    const check = result.valid
      ? result.check
      : { ...result.check, status: 'FAILED' as const, subIndication: 'SIG_CONSTRAINTS_FAILURE' as const };
    checks.push(check);
    if (
      result.valid &&
      result.genTime !== undefined &&
      (bestSignatureTime === undefined || result.genTime < bestSignatureTime)
    ) {
      bestSignatureTime = result.genTime;
    }
  }
  if (bestSignatureTime !== undefined && claimedSigningTime !== undefined) {
    const ordered = claimedSigningTime.getTime() <= bestSignatureTime.getTime() + CLAIMED_TIME_SKEW_MS;
    checks.push(
      ordered
        ? createCheck(
            'TS_ORDER',
            'PASSED',
            '声称的签名时间早于时间戳',
            'the claimed signing time precedes the time-stamp',
          )
        : createCheck(
            'TS_ORDER',
            'FAILED',
            '声称的签名时间晚于时间戳时间',
            `the claimed signing time ${claimedSigningTime.toISOString()} is after the time-stamp ${bestSignatureTime.toISOString()}`,
            { subIndication: 'TIMESTAMP_ORDER_FAILURE' },
          ),
    );
  }

  const certificate = core.certificate;
  if (certificate !== undefined) {
    const time = bestSignatureTime ?? claimedSigningTime ?? input.policy.validationTime ?? new Date();
    const extra = input.validationData;
    // Revocation data the signing product embedded (Acrobat, iText): used like DSS data, after the policy's own.
    const archived = revocationInfoArchival(signerInfo);
    const path = await validateCertificatePath({
      leaf: certificate.der,
      candidates: [...signedData.certificates, ...(extra?.certificates ?? [])],
      policy: input.policy,
      time,
      purpose: 'signing',
      timeIsProofOfExistence: bestSignatureTime !== undefined,
      crls: [...signedData.crls, ...archived.crls, ...(extra?.crls ?? [])],
      ocspResponses: [...archived.ocspResponses, ...(extra?.ocspResponses ?? [])],
    });
    checks.push(...path.checks);
  }

  const essPassed = checks.some((check) => check.id === 'CMS_SIGNING_CERT_V2' && check.status === 'PASSED');
  const level: CmsSignatureResult['level'] =
    input.profile === 'PAdES' && essPassed ? (bestSignatureTime !== undefined ? 'B-T' : 'B-B') : 'NONE';
  return {
    checks,
    ...(certificate === undefined
      ? {}
      : {
          signer: {
            subject: certificate.subject,
            issuer: certificate.issuer,
            serialHex: certificate.serialHex,
            certificateSha256: certificate.sha256,
          },
        }),
    ...(bestSignatureTime === undefined ? {} : { bestSignatureTime }),
    ...(claimedSigningTime === undefined ? {} : { claimedSigningTime }),
    level,
  };
}
