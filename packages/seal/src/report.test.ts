import { describe, expect, it } from 'vitest';
import { aggregateDocumentIndication, aggregateIndication, createCheck } from './report';

const passed = createCheck('CMS_MESSAGE_DIGEST', 'PASSED', '摘要一致', 'digest matches');
const valuePassed = createCheck('CMS_SIGNATURE_VALUE', 'PASSED', '签名值正确', 'signature value verifies');

describe('createCheck', () => {
  it('builds a bilingual check and omits absent fields', () => {
    expect(
      createCheck('CERT_CHAIN', 'FAILED', '无证书链', 'no chain', { subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }),
    ).toEqual({
      id: 'CERT_CHAIN',
      status: 'FAILED',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      message: { zh: '无证书链', en: 'no chain' },
    });
    expect(Object.keys(passed)).toEqual(['id', 'status', 'message']);
  });
});

describe('aggregateIndication', () => {
  it('passes when every check passes or only warns', () => {
    const warning = createCheck('CMS_SIGNING_TIME_ATTR', 'WARNING', '有签名时间属性', 'signing-time present');
    expect(aggregateIndication([passed, valuePassed, warning])).toEqual({ indication: 'TOTAL_PASSED' });
  });

  it('is TOTAL_FAILED for a hash failure even when other checks are indeterminate', () => {
    const hash = createCheck('CMS_MESSAGE_DIGEST', 'FAILED', '摘要不一致', 'digest differs', {
      subIndication: 'HASH_FAILURE',
    });
    const chain = createCheck('CERT_CHAIN', 'INDETERMINATE', '无链', 'no chain', {
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
    expect(aggregateIndication([chain, hash])).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('fails closed on a FAILED check without sub-indication', () => {
    const change = createCheck('PDF_POST_SIGN_CHANGES', 'FAILED', '签名后内容被修改', 'content changed after signing');
    expect(aggregateIndication([passed, change])).toEqual({ indication: 'TOTAL_FAILED' });
  });

  it('is INDETERMINATE for constraint failures and unknown revocation', () => {
    const revocation = createCheck('CERT_REVOCATION', 'INDETERMINATE', '无吊销信息', 'no CRL', {
      subIndication: 'TRY_LATER',
    });
    const chain = createCheck('CERT_CHAIN', 'FAILED', '无链', 'no chain', {
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
    expect(aggregateIndication([passed, revocation, chain])).toEqual({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
  });

  it('never passes an empty list or a list missing a required check', () => {
    expect(aggregateIndication([])).toEqual({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(aggregateIndication([passed], ['CMS_SIGNATURE_VALUE'])).toMatchObject({ indication: 'INDETERMINATE' });
    expect(aggregateIndication([passed, valuePassed], ['CMS_SIGNATURE_VALUE'])).toEqual({ indication: 'TOTAL_PASSED' });
  });
});

describe('aggregateDocumentIndication', () => {
  it('fails a document without signatures', () => {
    expect(aggregateDocumentIndication([], [])).toEqual({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIGNED_DATA_NOT_FOUND',
    });
  });

  it('takes the worst signature or document result', () => {
    const info = createCheck('PDF_SHADOW_RISK', 'INFO', '无影子风险', 'no shadow risk');
    expect(aggregateDocumentIndication([{ indication: 'TOTAL_PASSED' }], [info])).toEqual({
      indication: 'TOTAL_PASSED',
    });
    expect(
      aggregateDocumentIndication(
        [{ indication: 'TOTAL_PASSED' }, { indication: 'INDETERMINATE', subIndication: 'TRY_LATER' }],
        [info],
      ),
    ).toEqual({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    const parse = createCheck('PDF_PARSE_STRICT', 'FAILED', '解析失败', 'parse failed', {
      subIndication: 'FORMAT_FAILURE',
    });
    expect(aggregateDocumentIndication([{ indication: 'TOTAL_PASSED' }], [parse])).toEqual({
      indication: 'TOTAL_FAILED',
      subIndication: 'FORMAT_FAILURE',
    });
  });
});
