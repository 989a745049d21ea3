// RFC 3161 time-stamp token validation: imprint, TSA signature, TSA certificate path with critical timeStamping EKU.
import { createHash } from 'node:crypto';
import { type ValidationCheck, aggregateIndication, createCheck } from '../../report';
import type { TrustPolicy } from '../../types';
import { bytesEqual } from '../asn1/input';
import { OID } from '../asn1/oids';
import { verifySignerInfo } from '../cms/verify-signer-info';
import { validateCertificatePath } from '../trust/validate-certificate-path';
import { type ParsedTimestampToken, parseTimestampToken } from './read-timestamp-token';

/** Result of {@link validateTimestampToken}. */
export interface TimestampTokenResult {
  /** The single TS_TOKEN_VALID check summarising everything. */
  check: ValidationCheck;
  /** genTime, when the token could be read. */
  genTime?: Date;
  /** true when the check PASSED: genTime is a proof of existence. */
  valid: boolean;
  /** The detailed checks behind `check` (CMS and CERT_* of the TSA). */
  details: ValidationCheck[];
}

const STRONG = new Set(['sha256', 'sha384', 'sha512', 'sm3']);
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Validates a time-stamp token over `data` (the bytes whose hash the token must carry; for a signature-time-stamp,
 * the SignerInfo signature value). Never throws.
 */
export async function validateTimestampToken(input: {
  token: Uint8Array;
  data: Uint8Array[];
  policy: TrustPolicy;
  crls?: Uint8Array[];
}): Promise<TimestampTokenResult> {
  let parsed: ParsedTimestampToken;
  try {
    parsed = parseTimestampToken(input.token);
  } catch (error) {
    return fail(
      [],
      `the time-stamp token cannot be parsed: ${(error as Error).message}`,
      '时间戳格式错误',
      'FORMAT_FAILURE',
    );
  }
  const { signedData, tstInfo } = parsed;
  const genTime = tstInfo.genTime;
  if (signedData.signerInfos.length !== 1) {
    return fail(
      [],
      `the time-stamp token has ${signedData.signerInfos.length} SignerInfos, expected 1`,
      '时间戳格式错误',
      'FORMAT_FAILURE',
      genTime,
    );
  }
  if (!STRONG.has(tstInfo.hash)) {
    return fail(
      [],
      `the time-stamp imprint uses ${tstInfo.hash.toUpperCase()}`,
      '时间戳摘要算法过弱',
      'CRYPTO_CONSTRAINTS_FAILURE',
      genTime,
    );
  }
  const imprint = createHash(tstInfo.hash);
  for (const chunk of input.data) imprint.update(chunk);
  if (!bytesEqual(imprint.digest(), tstInfo.hashedMessage)) {
    return fail(
      [],
      'the time-stamp messageImprint does not match the time-stamped data',
      '时间戳与签名不对应',
      'HASH_FAILURE',
      genTime,
    );
  }
  const signerInfo = signedData.signerInfos[0]!;
  const core = await verifySignerInfo({
    signedData,
    signerInfo,
    content: [signedData.content ?? new Uint8Array()],
    policy: input.policy,
    essAttribute: 'preferred',
  });
  const details = [...core.checks];
  const contentType = signerInfo.signedAttributes.get(OID.contentType);
  if (
    contentType?.length !== 1 ||
    !bytesEqual(
      contentType[0]!,
      Uint8Array.from([0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x04]),
    )
  ) {
    details.push(
      createCheck(
        'CMS_CONTENT_TYPE',
        'FAILED',
        '时间戳内容类型属性错误',
        'the token content-type attribute is not id-ct-TSTInfo',
        { subIndication: 'FORMAT_FAILURE' },
      ),
    );
  }
  const now = input.policy.validationTime ?? new Date();
  if (genTime.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    details.push(
      createCheck('TS_ORDER', 'FAILED', '时间戳时间晚于验证时间', `genTime ${genTime.toISOString()} is in the future`, {
        subIndication: 'TIMESTAMP_ORDER_FAILURE',
      }),
    );
  }
  if (core.certificate !== undefined) {
    const path = await validateCertificatePath({
      leaf: core.certificate.der,
      candidates: signedData.certificates,
      policy: input.policy,
      time: genTime,
      purpose: 'timestamping',
      // genTime is asserted by the TSA itself: no proof of existence for its own certificate (an archive time-stamp
      // would be), so the TSA certificate must also be valid and unrevoked now.
      timeIsProofOfExistence: false,
      crls: [...signedData.crls, ...(input.crls ?? [])],
    });
    details.push(...path.checks);
  }
  const result = aggregateIndication(details);
  if (result.indication === 'TOTAL_PASSED') {
    return {
      check: createCheck(
        'TS_TOKEN_VALID',
        'PASSED',
        '时间戳有效',
        `valid time-stamp, genTime ${genTime.toISOString()}, by ${core.certificate?.subject}`,
        {
          details: { genTime: genTime.toISOString(), policy: tstInfo.policy, serial: tstInfo.serialHex },
        },
      ),
      genTime,
      valid: true,
      details,
    };
  }
  const failed = details.filter((check) => check.status === 'FAILED' || check.status === 'INDETERMINATE');
  return {
    check: createCheck(
      'TS_TOKEN_VALID',
      result.indication === 'TOTAL_FAILED' ? 'FAILED' : 'INDETERMINATE',
      '时间戳无效',
      `the time-stamp is not valid: ${failed.map((check) => `${check.id}: ${check.message.en}`).join('; ')}`,
      {
        ...(result.subIndication ? { subIndication: result.subIndication } : {}),
        details: { genTime: genTime.toISOString() },
      },
    ),
    genTime,
    valid: false,
    details,
  };
}

function fail(
  details: ValidationCheck[],
  en: string,
  zh: string,
  sub: ValidationCheck['subIndication'],
  genTime?: Date,
): TimestampTokenResult {
  return {
    check: createCheck('TS_TOKEN_VALID', 'FAILED', zh, en, sub === undefined ? {} : { subIndication: sub }),
    ...(genTime === undefined ? {} : { genTime }),
    valid: false,
    details,
  };
}
