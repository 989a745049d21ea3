import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Asn1ParseError,
  type DerNode,
  childrenOf,
  decodeOid,
  generalizedTime,
  integer,
  oid,
  readNode,
  readTime,
  sequence,
  setOf,
  tlv,
  x509Time,
} from './der';

function walk(node: DerNode, depth = 0): number {
  if ((node.tag & 0x20) === 0) return 1;
  return childrenOf(node, depth).reduce((count, child) => count + walk(child, depth + 1), 1);
}

describe('DER writer', () => {
  it('encodes OIDs, integers and lengths as openssl reads them', () => {
    const der = sequence(
      oid('2.999.12345.1'),
      integer(Uint8Array.of(0x80, 0x01)),
      integer(0),
      tlv(0x04, new Uint8Array(300)),
    );
    const parsed = execFileSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8' });
    expect(parsed).toContain('OBJECT            :2.999.12345.1');
    expect(parsed).toContain('INTEGER           :8001');
    expect(parsed).toContain('INTEGER           :00');
    expect(parsed).toContain('l= 300 prim: OCTET STRING');
    expect(decodeOid(oid('2.999.1').subarray(2))).toBe('2.999.1');
    expect(Buffer.from(integer(Uint8Array.of(0, 0, 0x7f))).toString('hex')).toBe('02017f');
  });

  it('sorts SET OF by encoding (X.690 §11.6)', () => {
    const a = tlv(0x04, Uint8Array.of(2));
    const b = tlv(0x04, Uint8Array.of(1, 0));
    const c = tlv(0x02, Uint8Array.of(9));
    expect(Buffer.from(setOf([a, b, c])).toString('hex')).toBe(`310a${'020109'}${'040102'}${'04020100'}`);
  });

  it('writes UTCTime until 2049 and GeneralizedTime after, and reads both back', () => {
    const date = new Date('2049-12-31T23:59:59Z');
    expect(new TextDecoder().decode(x509Time(date).subarray(2))).toBe('491231235959Z');
    const later = new Date('2050-01-01T00:00:00Z');
    expect(x509Time(later)[0]).toBe(0x18);
    expect(readTime(readNode(x509Time(date)), 't')).toEqual(date);
    expect(readTime(readNode(generalizedTime(later)), 't')).toEqual(later);
    expect(() => readTime(readNode(tlv(0x18, new TextEncoder().encode('20261301000000Z'))), 't')).toThrow(
      Asn1ParseError,
    );
  });
});

describe('DER reader', () => {
  it('reads BER indefinite lengths', () => {
    const ber = Uint8Array.of(0x30, 0x80, 0x04, 0x01, 0x41, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00);
    const node = readNode(ber);
    expect(node.end).toBe(ber.length);
    expect(childrenOf(node).map((child) => child.tag)).toEqual([0x04, 0x30]);
  });

  it('rejects truncation, overlong lengths and runaway nesting with Asn1ParseError only', () => {
    expect(() => readNode(Uint8Array.of(0x30, 0x05, 0x04))).toThrow(Asn1ParseError);
    expect(() => readNode(Uint8Array.of(0x30, 0x85, 1, 2, 3, 4, 5))).toThrow(Asn1ParseError);
    expect(() => readNode(Uint8Array.of(0x04, 0x80, 0, 0))).toThrow(Asn1ParseError);
    const deep = new Uint8Array(2000).map((_, index) => (index % 2 === 0 ? 0x30 : 0x80));
    expect(() => readNode(deep)).toThrow(/nesting too deep|unterminated/);
  });

  it('never throws anything but Asn1ParseError on random input', () => {
    for (let round = 0; round < 3000; round++) {
      const bytes = randomBytes(1 + (round % 64));
      if (round % 3 === 0) bytes[0] = 0x30;
      try {
        walk(readNode(bytes));
      } catch (error) {
        expect(error).toBeInstanceOf(Asn1ParseError);
      }
    }
  });
});
