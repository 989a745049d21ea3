import { describe, expect, it } from 'vitest';
import { canonicalizeJson, MAX_JSON_DEPTH } from './canonicalize-json';

function fromIeeeHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

function utf8Hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

describe('canonicalizeJson (RFC 8785)', () => {
  it('serializes the §3.2.2 example exactly', () => {
    const input = JSON.parse(`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalizeJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units as in §3.2.3', () => {
    const input = JSON.parse(`{
      "\\u20ac": "Euro Sign",
      "\\r": "Carriage Return",
      "\\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\\ud83d\\ude00": "Emoji: Grinning Face",
      "\\u0080": "Control",
      "\\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    const output = canonicalizeJson(input);
    expect(output).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('produces the UTF-8 bytes of the §3.2.4 example', () => {
    const input = JSON.parse(`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`);
    // The hex dump of RFC 8785 §3.2.4, as printed there.
    expect(utf8Hex(canonicalizeJson(input))).toBe(
      [
        '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72',
        '75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a',
        '5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31',
        '65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37',
        '5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30',
        '30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d',
      ]
        .join(' ')
        .replaceAll(/\s+/g, ''),
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes the Appendix B number %s as %s', (hex, expected) => {
    expect(canonicalizeJson([fromIeeeHex(hex)])).toBe(`[${expected}]`);
  });

  it('rejects NaN and Infinity (Appendix B 7fffffffffffffff, 7ff0000000000000) with ERR_SEAL_INPUT_INVALID', () => {
    expect(() => canonicalizeJson({ a: [fromIeeeHex('7fffffffffffffff')] })).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_INPUT_INVALID',
        message:
          'canonicalizeJson(): $.a[0] is the number NaN, which RFC 8785 cannot serialize; JSON has no NaN or Infinity; encode it as a string.',
      }),
    );
    expect(() => canonicalizeJson(fromIeeeHex('7ff0000000000000'))).toThrow(
      expect.objectContaining({ code: 'ERR_SEAL_INPUT_INVALID' }),
    );
  });

  it('rejects values that are not I-JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_JSON_DEPTH; i += 1) deep = [deep];
    for (const [value, found] of [
      [{ a: undefined }, '$.a is a value of type undefined'],
      [{ f: () => 1 }, '$.f is a value of type function'],
      [10n, '$ is a value of type bigint'],
      ['\ud800x', '$ is a string with a lone UTF-16 surrogate'],
      [{ '\udc00': 1 }, '$ is a member name with a lone UTF-16 surrogate'],
      [cyclic, '$.self is a circular reference'],
      [deep, `nesting deeper than ${MAX_JSON_DEPTH} levels`],
    ] as const) {
      expect(() => canonicalizeJson(value)).toThrow(
        expect.objectContaining({ code: 'ERR_SEAL_INPUT_INVALID', message: expect.stringContaining(found) }),
      );
    }
  });

  it('uses toJSON() like JSON.stringify and keeps shared (non-cyclic) references', () => {
    const shared = { z: 1, y: 2 };
    expect(canonicalizeJson({ when: new Date(Date.UTC(2026, 0, 2)), a: shared, b: shared })).toBe(
      '{"a":{"y":2,"z":1},"b":{"y":2,"z":1},"when":"2026-01-02T00:00:00.000Z"}',
    );
  });

  it('is idempotent on its own output', () => {
    const once = canonicalizeJson({
      名称: '衡阳市行政审批服务局',
      list: [3, 2.5, -0, 'x'],
      nested: { b: true, a: null },
    });
    expect(canonicalizeJson(JSON.parse(once))).toBe(once);
    expect(once).toBe('{"list":[3,2.5,0,"x"],"nested":{"a":null,"b":true},"名称":"衡阳市行政审批服务局"}');
  });
});
