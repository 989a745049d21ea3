import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadNotoSansSc, NOTO_SANS_SC } from './index';

describe('loadNotoSansSc', () => {
  it('returns the committed, padded font file, read once', () => {
    const bytes = loadNotoSansSc();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(loadNotoSansSc()).toBe(bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(NOTO_SANS_SC.sha256);
  });

  it('is a glyf font with the advertised names and the rare name characters', () => {
    const font = fontkit.create(Buffer.from(loadNotoSansSc())) as fontkit.Font;
    expect(font.postscriptName).toBe(NOTO_SANS_SC.postscriptName);
    expect(font.familyName).toBe(NOTO_SANS_SC.family);
    expect(font.numGlyphs).toBe(30898);
    for (const character of '衡阳市行政审批服务局营业执照堃喆镕0123456789AZaz（）') {
      expect(font.hasGlyphForCodePoint(character.codePointAt(0) as number)).toBe(true);
    }
    const glyph = font.glyphsForString('印')[0];
    expect(glyph?.path.commands.length).toBeGreaterThan(10);
  });

  it('has every glyph record padded to 4 bytes (the reason the file is re-saved)', () => {
    const bytes = Buffer.from(loadNotoSansSc());
    const font = fontkit.create(bytes) as fontkit.Font & { getTable?: unknown };
    // Read `head.indexToLocFormat` and the `loca` table straight from the table directory.
    const tableCount = bytes.readUInt16BE(4);
    const tables = new Map<string, number>();
    for (let i = 0; i < tableCount; i++) {
      const record = 12 + i * 16;
      tables.set(bytes.toString('latin1', record, record + 4), bytes.readUInt32BE(record + 8));
    }
    const head = tables.get('head') as number;
    const loca = tables.get('loca') as number;
    const longOffsets = bytes.readInt16BE(head + 50) === 1;
    let odd = 0;
    for (let glyph = 0; glyph <= font.numGlyphs; glyph++) {
      const offset = longOffsets ? bytes.readUInt32BE(loca + glyph * 4) : bytes.readUInt16BE(loca + glyph * 2) * 2;
      if (offset % 4 !== 0) odd++;
    }
    expect(odd).toBe(0);
  });

  it('ships the OFL licence beside the font', () => {
    expect(existsSync(NOTO_SANS_SC.licensePath)).toBe(true);
    expect(readFileSync(NOTO_SANS_SC.licensePath, 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });
});
