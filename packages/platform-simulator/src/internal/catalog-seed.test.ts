import { readFileSync } from 'node:fs';
import { ImplementationItemSchema } from '@zwfw/catalog';
import { checkCertificateId } from '@zwfw/certificate';
import { CertificateRecordSchema, ItemRecordSchema } from '@zwfw/exchange-client';
import { describe, expect, it } from 'vitest';
import { itemsFromCatalog, loadHengyangItems } from './catalog-seed';
import { FIXTURE_CERTIFICATE_FILES, loadFixtureCertificates, toWireCertificate } from './fixture-certificates';

const fixture = JSON.parse(
  readFileSync(new URL('../../../../fixtures/catalog/hengyang-catalog.json', import.meta.url), 'utf8'),
);

describe('seed/hengyang-items.json', () => {
  it('is the conversion of fixtures/catalog/hengyang-catalog.json (regenerate: pnpm --filter @zwfw/platform-simulator seed)', () => {
    expect(loadHengyangItems()).toEqual(itemsFromCatalog(fixture));
  });

  it('holds items valid for both the wire (ItemRecordSchema) and the catalog (ImplementationItemSchema)', () => {
    const items = loadHengyangItems();
    expect(items.length).toBe(fixture.items.length);
    for (const item of items) {
      expect(ItemRecordSchema.safeParse(item).error?.issues).toBeUndefined();
      expect(ImplementationItemSchema.safeParse(item).error?.issues).toBeUndefined();
    }
  });

  it('derives the region from the implementing body, else the service point', () => {
    const items = itemsFromCatalog({
      meta: { division: '430400' },
      items: [
        { implementationCode: 'A', body: { division: '430406' } },
        { implementationCode: 'B', body: { division: null }, servicePoints: [{ region: '430400000000' }] },
        { implementationCode: 'C' },
      ],
    });
    expect(items.map((item) => [item.regionCode, item.updatedAt])).toEqual([
      ['430406000000', '2026-01-01T08:00:00.000+08:00'],
      ['430400000000', '2026-01-01T09:00:00.000+08:00'],
      ['430400000000', '2026-01-01T10:00:00.000+08:00'],
    ]);
  });
});

describe('seed/certificates.json', () => {
  it('holds the records of fixtures/certificate/ (regenerate: pnpm --filter @zwfw/platform-simulator seed)', () => {
    const expected = Object.entries(FIXTURE_CERTIFICATE_FILES).map(([file, template]) => ({
      template,
      record: JSON.parse(readFileSync(new URL(`../../../../fixtures/certificate/${file}`, import.meta.url), 'utf8')),
    }));
    expect(loadFixtureCertificates()).toEqual(expected);
  });

  it('maps them to wire records with valid identifiers', () => {
    for (const certificate of loadFixtureCertificates()) {
      const wire = toWireCertificate(certificate);
      expect(CertificateRecordSchema.safeParse(wire).error?.issues).toBeUndefined();
      expect(checkCertificateId(wire.certId).valid).toBe(true);
      expect(wire).toMatchObject({ certId: certificate.record.identifier, status: '01' });
    }
  });
});
