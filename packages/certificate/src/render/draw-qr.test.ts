import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from './draw-qr';

describe('qrMatrix', () => {
  it('builds the same symbol as qrcode.create (same mask choice, format bits and modules)', () => {
    const contents = [
      '1.2.156.3005.2.114304001000001120001.114304001000001120.HY2025000001.001.A',
      'https://zwfw.hengyang.gov.cn/v/1.2.156.3005.2.114304001000001120001.114304001000001120.HY2025000001.001.A',
      'a',
      '0123456789',
      '电子证照 衡阳市',
      `eyJhbGciOiJFUzI1NiJ9.${'x'.repeat(180)}.sig`,
    ];
    for (let i = 0; i < 120; i++)
      contents.push(
        `1.2.156.3005.2.11100000MB0143028J.91430400MA4L0ABC9X.HY${String(i * 7919).padStart(10, '0')}.001.X`,
      );
    const masks = new Set<number>();
    for (const content of contents) {
      const expected = QRCode.create(content, { errorCorrectionLevel: 'M' });
      masks.add(expected.maskPattern as number);
      const actual = qrMatrix(content);
      expect(actual.size).toBe(expected.modules.size);
      expect(Buffer.from(actual.data).equals(Buffer.from(expected.modules.data))).toBe(true);
    }
    expect(masks.size).toBeGreaterThan(3); // the comparison covered several mask choices
  });
});
