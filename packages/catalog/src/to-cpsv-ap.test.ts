import { describe, expect, it } from 'vitest';
import { loadHengyangFixture } from '../test/fixtures';
import { ImplementationItemSchema } from './schemas/implementation-item';
import { CPSV_AP_CONTEXT, toCpsvAp } from './to-cpsv-ap';

const items = loadHengyangFixture().items.map((item) => ImplementationItemSchema.parse(item));

describe('toCpsvAp', () => {
  it('maps an item with a fee to a cpsv:PublicService node', () => {
    const item = items.find((entry) => entry.fees.some((fee) => fee.amountCny !== undefined));
    if (!item) throw new Error('fixture has no fee');
    const node = toCpsvAp(item);
    expect(node).toMatchObject({
      '@context': CPSV_AP_CONTEXT,
      '@type': 'cpsv:PublicService',
      'dct:identifier': item.implementationCode,
      'dct:title': { '@value': item.name, '@language': 'zh' },
      'cv:hasCompetentAuthority': { '@type': 'cv:PublicOrganisation', 'dct:identifier': item.body.uscc },
      'cv:processingTime': { '@value': `P${item.promisedLimit.value}D`, '@type': 'xsd:duration' },
    });
    expect(node['cv:hasCost']).toEqual([
      expect.objectContaining({ '@type': 'cv:Cost', 'cv:value': item.fees[0]?.amountCny, 'cv:currency': 'CNY' }),
    ]);
    expect((node['cpsv:hasInput'] as unknown[]).length).toBe(item.materials.length);
    expect(JSON.parse(JSON.stringify(node))).toEqual(node);
  });

  it('adds an online channel only when the item is online', () => {
    const online = items.find((entry) => entry.online.available) ?? items[0];
    const offline = items.find((entry) => !entry.online.available) ?? items[0];
    if (!online || !offline) throw new Error('fixture is empty');
    expect((toCpsvAp(online)['cv:hasChannel'] as { 'dct:type': string }[]).map((c) => c['dct:type'])).toContain(
      'Online',
    );
    expect((toCpsvAp(offline)['cv:hasChannel'] as { 'dct:type': string }[]).map((c) => c['dct:type'])).not.toContain(
      'Online',
    );
  });
});
