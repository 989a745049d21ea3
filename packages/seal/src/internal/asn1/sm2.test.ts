import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SM2_DEFAULT_USER_ID } from '../../types';
import { integer, sequence, tlv } from './der';
import { toHex } from './input';
import { sm2PrivateKeyHex, sm2PublicKeyHex, sm2SignatureRawHex, sm2Sign, sm2Verify } from './sm2';

const N = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
const data = new TextEncoder().encode('衡阳市行政审批服务局');
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
let publicKey: string;
let privateKey: string;

beforeAll(() => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  privateKey = sm2PrivateKeyHex(new Uint8Array(keys.privateKey.export({ type: 'pkcs8', format: 'der' })))!;
  publicKey = sm2PublicKeyHex(new Uint8Array(keys.publicKey.export({ type: 'spki', format: 'der' })))!;
});

/** A signature whose r has its top bit set, so DER needs a 0x00 sign byte before it. */
async function signWithSignByte(): Promise<{ der: Uint8Array; r: Uint8Array; s: Uint8Array }> {
  for (;;) {
    const der = await sm2Sign(privateKey, publicKey, data, SM2_DEFAULT_USER_ID);
    const rLength = der[3]!;
    const sLength = der[5 + rLength]!;
    if (rLength === 33 && sLength <= 32) {
      return { der, r: der.subarray(5, 4 + rLength), s: der.subarray(6 + rLength) };
    }
  }
}

describe('sm2Verify accepts only the DER encoding of a signature (GB/T 32918.2 checks r, s in [1, n-1])', () => {
  it('verifies the DER signature and reads r ‖ s from it', async () => {
    const { der, r, s } = await signWithSignByte();
    expect(await sm2Verify(publicKey, data, der, SM2_DEFAULT_USER_ID)).toBe(true);
    expect(await sm2Verify(publicKey, data, der, '31323334')).toBe(false);
    expect(sm2SignatureRawHex(der)).toBe(toHex(r).padStart(64, '0') + toHex(s).padStart(64, '0'));
  });

  it('rejects other encodings of the same (r, s), which sm-crypto-v2 alone accepts', async () => {
    const { der, r, s } = await signWithSignByte();
    const variants: Record<string, Uint8Array> = {
      'trailing bytes': Uint8Array.of(...der, 0xde, 0xad),
      'SET instead of SEQUENCE': Uint8Array.of(0x31, ...der.subarray(1)),
      'OCTET STRING instead of INTEGER': sequence(tlv(0x04, Uint8Array.of(0), r), integer(s)),
      'r without its sign byte (a negative INTEGER)': sequence(tlv(0x02, r), integer(s)),
      's with a superfluous leading zero': sequence(integer(r), tlv(0x02, Uint8Array.of(0, 0), s)),
      'long-form length of the SEQUENCE': Uint8Array.of(0x30, 0x81, ...der.subarray(1)),
      'a third INTEGER': sequence(integer(r), integer(s), integer(1)),
    };
    for (const [name, variant] of Object.entries(variants)) {
      expect(sm2SignatureRawHex(variant), name).toBeUndefined();
      expect(await sm2Verify(publicKey, data, variant, SM2_DEFAULT_USER_ID), name).toBe(false);
    }
  });

  it('rejects r or s outside [1, n-1]', () => {
    const one = integer(1);
    for (const value of [integer(0), integer(bytes(N)), integer(bytes(`01${'00'.repeat(32)}`))]) {
      expect(sm2SignatureRawHex(sequence(value, one))).toBeUndefined();
      expect(sm2SignatureRawHex(sequence(one, value))).toBeUndefined();
    }
    const nMinusOne = integer(bytes(N.replace(/23$/, '22')));
    expect(sm2SignatureRawHex(sequence(nMinusOne, one))).toBe(`${N.replace(/23$/, '22')}${'0'.repeat(63)}1`);
  });
});
