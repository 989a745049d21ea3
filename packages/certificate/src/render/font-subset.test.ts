import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FontSubset, readGlyfSource } from './font-subset';

const DEJAVU = new Uint8Array(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'));
const NIMBUS_CFF = new Uint8Array(readFileSync('/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf'));

const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as fontkit.Font;

describe('FontSubset', () => {
  it('copies outlines and metrics, renumbering composite glyph components (DejaVu é, Ǻ)', () => {
    const original = open(DEJAVU);
    const source = readGlyfSource(DEJAVU, original);
    if (!source) throw new Error('DejaVu Sans has glyf outlines');
    const subset = new FontSubset(source);
    const text = 'Aé Ǻ一';
    const hex = subset.encode(text);
    const file = subset.fontFile();
    const copy = open(file);
    expect(copy.numGlyphs).toBe(subset.size);
    // 'é' and 'Ǻ' are composites: their components joined the subset after the glyphs that use them.
    expect(subset.size).toBeGreaterThan([...text].length + 1);
    const ids =
      hex
        .slice(1, -1)
        .match(/.{4}/g)
        ?.map((code) => Number.parseInt(code, 16)) ?? [];
    for (const [index, character] of [...text].entries()) {
      const before = original.glyphForCodePoint(character.codePointAt(0) as number);
      const after = copy.getGlyph(ids[index] as number);
      expect(after.advanceWidth).toBe(before.advanceWidth);
      expect(after.path.toSVG()).toBe(before.path.toSVG());
    }
    expect(subset.widths()).toMatch(/^\[0 \[\d/);
    expect(subset.toUnicode()).toContain(`<${ids[1]?.toString(16).padStart(4, '0')}> <00e9>`);
  });

  it('clones keep the numbering of the glyphs already in the subset', () => {
    const source = readGlyfSource(DEJAVU, open(DEJAVU));
    if (!source) throw new Error('DejaVu Sans has glyf outlines');
    const template = new FontSubset(source);
    const label = template.encode('Name');
    const first = template.clone();
    const second = template.clone();
    first.encode('xyz');
    second.encode('qrs');
    expect(first.encode('Name')).toBe(label);
    expect(second.encode('Name')).toBe(label);
    expect(template.size).toBe(5);
  });

  it('deflates the program as one zlib stream from a shared precompressed chunk (inflate checks the Adler-32)', () => {
    const source = readGlyfSource(DEJAVU, open(DEJAVU));
    if (!source) throw new Error('DejaVu Sans has glyf outlines');
    const template = new FontSubset(source);
    template.encode('Registration number');
    for (const text of ['Zürich ǺÅ', 'x', 'Registration']) {
      const subset = template.clone();
      subset.encode(text);
      const { stream, length } = subset.deflatedFontFile();
      const program = subset.fontFile();
      expect(length).toBe(program.length);
      expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(program))).toBe(true);
    }
    const alone = new FontSubset(source);
    alone.encode('abc');
    expect(Buffer.from(inflateSync(alone.deflatedFontFile().stream)).equals(Buffer.from(alone.fontFile()))).toBe(true);
  });

  it('declines fonts without glyf outlines (CFF), which pdf-lib embeds instead', () => {
    expect(readGlyfSource(NIMBUS_CFF, open(NIMBUS_CFF))).toBeUndefined();
  });
});
