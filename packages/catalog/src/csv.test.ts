import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHengyangFixture } from '../test/fixtures';
import { formatCatalogCsv, parseCatalogCsv } from './csv';
import { CatalogValidationError } from './errors';
import { ImplementationItemSchema } from './schemas/implementation-item';
import type { ImplementationItemInput } from './schemas/implementation-item';

const fixture = loadHengyangFixture();
const items = fixture.items.slice(0, 40).map((item) => ImplementationItemSchema.parse(item));

function errorOf(fn: () => unknown): CatalogValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CatalogValidationError) return error;
    throw error;
  }
  throw new Error('expected a CatalogValidationError');
}

describe('formatCatalogCsv / parseCatalogCsv', () => {
  it('writes UTF-8 with BOM, Chinese headers and CRLF', () => {
    const csv = formatCatalogCsv(items);
    expect(csv.startsWith('\uFEFF实施编码,业务办理项编码,地方实施编码,基本编码,事项名称,事项类型,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(items.length + 2);
    expect(formatCatalogCsv([], { bom: false }).startsWith('实施编码')).toBe(true);
  });

  it('round-trips the fixture items exactly, from text and from bytes', () => {
    const csv = formatCatalogCsv(items);
    expect(parseCatalogCsv(csv).items).toEqual(items);
    const bytes = new TextEncoder().encode(csv);
    expect(parseCatalogCsv(bytes).items).toEqual(items);
    expect(parseCatalogCsv(bytes.buffer as ArrayBuffer).items).toHaveLength(items.length);
  });

  it('keeps unknown top-level fields as extra columns', () => {
    const withExtra = [{ ...items[0], vendor_flag: { a: 1 } }] as ImplementationItemInput[];
    const parsed = parseCatalogCsv(formatCatalogCsv(withExtra));
    expect(parsed.extraColumns).toEqual(['vendor_flag']);
    expect((parsed.items[0] as Record<string, unknown>).vendor_flag).toEqual({ a: 1 });
  });

  it('accepts Chinese labels for codes and 是/否 for booleans', () => {
    const csv = formatCatalogCsv(items.slice(0, 1)).replace(',01,', ',行政许可,');
    const row = parseCatalogCsv(csv.replace(',X_FILING,', ',行政备案,')).items[0];
    expect(['01', 'X_FILING']).toContain(row?.type);
  });

  it('names row and column of every bad cell', () => {
    const lines = formatCatalogCsv(items.slice(0, 2), { bom: false }).split('\r\n');
    const header = (lines[0] as string).split(',');
    const cells = (lines[2] as string).split(',');
    const visits = header.indexOf('到办事现场次数');
    const type = header.indexOf('事项类型');
    cells[visits] = '两次';
    cells[type] = '99';
    lines[2] = cells.join(',');
    const error = errorOf(() => parseCatalogCsv(lines.join('\r\n')));
    expect(error.code).toBe('ERR_CATALOG_CSV_INVALID');
    expect(error.message).toMatch(
      /^The CSV has 2 invalid cell\(s\); first: Row 3, column "事项类型": "99" is not a valid code or label/,
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      [3, '事项类型'],
      [3, '到办事现场次数'],
    ]);
    expect(error.issues[1]?.message.zh).toBe('第 3 行“到办事现场次数”列：“两次”不是整数');
  });

  it('maps schema errors inside JSON cells to their column', () => {
    const csv = formatCatalogCsv(items.slice(0, 1), { bom: false })
      .replace('"[{""name"":""', '"[{""name"":""')
      .replace('""necessity"":""REQUIRED""', '""necessity"":""MAYBE""');
    const error = errorOf(() => parseCatalogCsv(csv));
    expect(error.issues[0]?.path).toEqual([2, '申请材料']);
    expect(error.issues[0]?.message.en).toMatch(/^Row 2, column "申请材料": materials\.\d\.necessity: Invalid option/);
  });

  it('rejects a missing header column, an unterminated quote and invalid UTF-8', () => {
    expect(errorOf(() => parseCatalogCsv('名称\r\nx')).message).toBe(
      'The CSV header lacks the column(s) 实施编码, 事项名称; the first line must hold the Chinese column headers',
    );
    const quote = errorOf(() => parseCatalogCsv('实施编码,事项名称\r\n"abc,def\r\n'));
    expect(quote.issues[0]).toMatchObject({ code: 'CSV_UNTERMINATED_QUOTE', path: [2] });
    const bytes = errorOf(() => parseCatalogCsv(new Uint8Array([0xff, 0xfe, 0x00])));
    expect(bytes.message).toBe('The CSV bytes are not valid UTF-8; save the file as "CSV UTF-8" in Excel');
    expect(bytes.cause).toBeInstanceOf(TypeError);
    expect(() => parseCatalogCsv(42 as never)).toThrow(expect.objectContaining({ code: 'ERR_CATALOG_INPUT_INVALID' }));
  });

  it('neutralises formula cells for Excel and restores them on import', () => {
    const item = {
      ...items[0],
      name: '=HYPERLINK("http://x")',
      onSiteReason: "'-already quoted",
    } as ImplementationItemInput;
    const csv = formatCatalogCsv([item]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    const back = parseCatalogCsv(csv).items[0];
    expect(back?.name).toBe('=HYPERLINK("http://x")');
    expect(back?.onSiteReason).toBe("'-already quoted");
    const quotes = { ...items[0], onSiteReason: "''x" } as ImplementationItemInput;
    expect(parseCatalogCsv(formatCatalogCsv([quotes])).items[0]?.onSiteReason).toBe("''x");
  });

  it('round-trips arbitrary text (quotes, commas, line breaks, apostrophes, formula characters)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', '中', '"', ',', '\n', '\r\n', "'", '=', '-', '+', '@', ' ', '\t', ';'),
    });
    fc.assert(
      fc.property(
        text.filter((value) => value.trim().length > 0),
        text,
        (name, reason) => {
          const item = { ...items[0], name, acceptanceConditions: reason } as ImplementationItemInput;
          const back = parseCatalogCsv(formatCatalogCsv([item])).items[0];
          expect(back?.name).toBe(name.trim());
          expect(back?.acceptanceConditions).toBe(reason);
        },
      ),
      { numRuns: 200 },
    );
  });
});
