import { describe, expect, it } from 'vitest';
import { drawSeal } from './draw/draw-seal';
import { parseSealRecord, SEAL_TYPES } from './seal-record';

const valid = {
  id: '4304000012345',
  type: '合同专用章',
  name: '衡阳市行政审批服务局合同专用章',
  owner: { name: '衡阳市行政审批服务局', uscc: '11430400006141234G' },
  validFrom: '2026-01-01',
  validTo: '2031-01-01T00:00:00Z',
};

describe('parseSealRecord', () => {
  it('returns a typed record with Date objects, PEM certificates decoded and an SVG image from drawSeal', () => {
    const seal = drawSeal({ organizationName: valid.owner.name, bottomText: '合同专用章' });
    const record = parseSealRecord({
      ...valid,
      owner: { ...valid.owner, uscc: ' 91430400ma4l16lc7m ' },
      certificate: '-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n',
      image: { type: 'svg', data: seal.svg, widthMm: seal.sizeMm, heightMm: seal.sizeMm },
    });
    expect(record).toMatchObject({
      id: '4304000012345',
      type: '合同专用章',
      owner: { name: '衡阳市行政审批服务局', uscc: '91430400MA4L16LC7M' },
      validFrom: new Date('2026-01-01T00:00:00Z'),
      validTo: new Date('2031-01-01T00:00:00Z'),
      image: { type: 'svg', widthMm: 42, heightMm: 42 },
    });
    expect(Array.from(record.certificate!)).toEqual([0x30, 0x03, 0x02, 0x01, 0x01]);
    expect(new TextDecoder().decode(record.image!.data)).toBe(seal.svg);
    expect(SEAL_TYPES).toContain('公章');
  });

  it('throws ERR_SEAL_INPUT_INVALID listing every problem without echoing values', () => {
    expect(() =>
      parseSealRecord({
        ...valid,
        id: '编码',
        type: '私章',
        owner: { name: '', uscc: '11430400006141234A' },
        validFrom: '2031-01-01',
        validTo: 'someday',
        image: { type: 'gif', data: 1, widthMm: 0, heightMm: 42 },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_INPUT_INVALID',
        message:
          'parseSealRecord(): the seal record is invalid: id must be 1 to 64 letters, digits, "-", "_" or "."; ' +
          'type must be one of 公章, 合同专用章, 财务专用章, 业务专用章, 发票专用章, 法定代表人名章, 其他; ' +
          'owner.uscc has a wrong check character (GB 32100-2015); re-check the code; ' +
          'owner.name must be a non-empty string of at most 100 characters (got string(0 chars)); ' +
          'validTo must be a Date or an ISO 8601 date string (got string(7 chars)); ' +
          "image.type must be 'svg' or 'png'; image.data must be bytes (Uint8Array) (got number); " +
          'image.widthMm must be a size in millimetres between 0 and 200.',
      }),
    );
  });

  it('rejects a non-object and a malformed USCC', () => {
    expect(() => parseSealRecord('x')).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_INPUT_INVALID',
        message: 'parseSealRecord(): the seal record must be an object, got string(1 chars).',
      }),
    );
    expect(() => parseSealRecord({ ...valid, owner: { name: 'x', uscc: '123' } })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('owner.uscc must be 18 characters') }),
    );
  });
});
