// RFC 6211 CMSAlgorithmProtection (1.2.840.113549.1.9.52): a signed attribute that repeats the SignerInfo's digest and
// signature algorithms so that they cannot be swapped without breaking the signature. BouncyCastle (and so PDFBox
// and iText 7) add it. When present, it must agree with the SignerInfo; absent, nothing is reported.
import { type ValidationCheck, createCheck } from '../../report';
import { type DerNode, childrenOf, readOid, readSingle } from '../asn1/der';
import { bytesEqual } from '../asn1/input';
import type { ParsedSignerInfo } from './parse-signed-data';

/** OID of the CMSAlgorithmProtection signed attribute. */
export const CMS_ALGORITHM_PROTECTION = '1.2.840.113549.1.9.52';

const NULL = new Uint8Array([0x05, 0x00]);

/** OID and parameters of an AlgorithmIdentifier; absent parameters and NULL compare equal. */
function algorithm(node: DerNode, what: string): { oid: string; parameters: Uint8Array } {
  const [id, parameters] = childrenOf(node);
  const oid = readOid(id, what);
  return { oid, parameters: parameters === undefined ? NULL : node.bytes.subarray(id!.end, node.contentEnd) };
}

function sameAlgorithm(a: { oid: string; parameters: Uint8Array }, b: { oid: string; parameters: Uint8Array }) {
  return a.oid === b.oid && bytesEqual(a.parameters, b.parameters);
}

/** The CMS_ALGORITHM_PROTECTION check, or undefined when the attribute is absent. */
export function checkAlgorithmProtection(signerInfo: ParsedSignerInfo): ValidationCheck | undefined {
  const values = signerInfo.signedAttributes.get(CMS_ALGORITHM_PROTECTION);
  if (values === undefined) return undefined;
  const fail = (en: string) =>
    createCheck('CMS_ALGORITHM_PROTECTION', 'FAILED', '算法保护属性与签名者信息不一致', en, {
      subIndication: 'FORMAT_FAILURE',
    });
  try {
    if (values.length !== 1) return fail('the CMSAlgorithmProtection attribute must have exactly one value');
    const protection = readSingle(values[0]!, 'CMSAlgorithmProtection');
    if (protection.tag !== 0x30) return fail('CMSAlgorithmProtection is not a SEQUENCE');
    const [digest, ...others] = childrenOf(protection);
    if (digest?.tag !== 0x30) return fail('CMSAlgorithmProtection has no digestAlgorithm');
    if (readOid(childrenOf(digest)[0], 'digestAlgorithm') !== signerInfo.digestOid)
      return fail('the protected digest algorithm differs from the SignerInfo digestAlgorithm');
    const signature = others.find((node) => node.tag === 0xa1);
    if (signature === undefined || others.some((node) => node.tag !== 0xa1))
      return fail('CMSAlgorithmProtection must name the signatureAlgorithm ([1]) and no MAC algorithm');
    const actual = algorithm(readSingle(signerInfo.signatureAlgorithm, 'signatureAlgorithm'), 'signatureAlgorithm');
    if (!sameAlgorithm(algorithm(signature, 'protected signatureAlgorithm'), actual))
      return fail('the protected signature algorithm differs from the SignerInfo signatureAlgorithm');
  } catch (error) {
    return fail(`CMSAlgorithmProtection is malformed: ${(error as Error).message}`);
  }
  return createCheck(
    'CMS_ALGORITHM_PROTECTION',
    'PASSED',
    '算法保护属性与签名者信息一致',
    'the CMSAlgorithmProtection attribute (RFC 6211) matches the SignerInfo algorithms',
  );
}
