import { ENUM_LABELS } from './schemas/enums';
import type { ImplementationItem, TimeLimit } from './schemas/implementation-item';

/** The JSON-LD `@context` used by {@link toCpsvAp}. */
export const CPSV_AP_CONTEXT = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  eli: 'http://data.europa.eu/eli/ontology#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** A JSON-LD node as produced by {@link toCpsvAp}. */
export type JsonLdNode = { [key: string]: unknown };

const zh = (value: string) => ({ '@value': value, '@language': 'zh' });

/** ISO 8601 duration of a limit; working days have no ISO unit, so they are given as days with a note. */
function duration(limit: TimeLimit): string {
  const unit = { WORKING_DAY: 'D', NATURAL_DAY: 'D', MONTH: 'M', YEAR: 'Y' }[limit.unit];
  return `P${limit.value}${unit}`;
}

/**
 * Export an implementation item as a CPSV-AP 3.2.0 `cpsv:PublicService` JSON-LD node (catalog.md §9), for exchange with
 * European-style service catalogues. The mapping is lossy where CPSV-AP has no concept (two deadlines, 办件类型, visits):
 * the promised limit becomes `cv:processingTime` (working days as days, flagged in `dct:description`), 受理条件 a
 * `cv:Requirement`, materials `cv:Evidence`, fees `cv:Cost` (CNY), results `cv:Output`, channels `cv:Channel`.
 *
 * @param item - a parsed implementation item.
 * @returns a JSON-LD object with `@context`.
 * @example
 * ```ts
 * JSON.stringify(toCpsvAp(catalog.items[0]!));
 * ```
 */
export function toCpsvAp(item: ImplementationItem): JsonLdNode {
  const code = item.handlingItemCode ?? item.implementationCode;
  const base = `urn:zwfw:item:${code}`;
  const body = item.body;
  const phones = item.consultation.filter((channel) => channel.kind === 'PHONE').map((channel) => channel.value);
  const channels: JsonLdNode[] = item.servicePoints.map((point, index) => ({
    '@id': `${base}#channel-${index + 1}`,
    '@type': 'cv:Channel',
    'dct:identifier': `${code}-channel-${index + 1}`,
    'dct:type': 'InPerson',
    'dct:description': zh(`${point.name}，${point.address}，${point.hours}`),
  }));
  if (item.online.available && item.online.pcUrl) {
    channels.push({
      '@id': `${base}#channel-online`,
      '@type': 'cv:Channel',
      'dct:identifier': `${code}-channel-online`,
      'dct:type': 'Online',
      'dct:description': zh(item.online.provincialDepthLabel ?? '网上办理'),
      'cv:contactPage': item.online.pcUrl,
    });
  }
  const workingDays =
    item.promisedLimit.unit === 'WORKING_DAY' ? `；承诺时限 ${item.promisedLimit.value} 个工作日` : '';
  return {
    '@context': CPSV_AP_CONTEXT,
    '@id': base,
    '@type': 'cpsv:PublicService',
    'dct:identifier': code,
    'dct:title': zh(item.name),
    'dct:description': zh(`${ENUM_LABELS.itemType[item.type]}${workingDays}`),
    'dct:type': ENUM_LABELS.itemType[item.type],
    'adms:status': item.status,
    'cv:processingTime': { '@value': duration(item.promisedLimit), '@type': 'xsd:duration' },
    'cv:hasCompetentAuthority': {
      '@id': `urn:uscc:${body.uscc}`,
      '@type': 'cv:PublicOrganisation',
      'dct:identifier': body.uscc,
      'skos:prefLabel': zh(body.name),
      'cv:spatial': { '@id': `urn:gbt2260:${body.division ?? body.zoneCode ?? 'unknown'}` },
    },
    'cv:hasLegalResource': item.legalBasis.map((basis) => ({
      '@type': 'eli:LegalResource',
      'dct:title': zh([basis.lawName, basis.documentNumber, basis.clause].filter(Boolean).join(' ')),
      ...(basis.eliUri ? { '@id': basis.eliUri } : {}),
    })),
    'cv:holdsRequirement': item.acceptanceConditions
      ? [
          {
            '@id': `${base}#requirement`,
            '@type': 'cv:Requirement',
            'dct:identifier': `${code}-requirement`,
            'dct:title': zh('受理条件'),
            'dct:description': zh(item.acceptanceConditions),
          },
        ]
      : [],
    'cpsv:hasInput': item.materials.map((material, index) => ({
      '@id': `${base}#evidence-${index + 1}`,
      '@type': 'cv:Evidence',
      'dct:identifier': `${code}-evidence-${index + 1}`,
      'dct:title': zh(material.name),
      'dct:type': ENUM_LABELS.materialSource[material.source],
    })),
    'cv:hasCost': item.fees.map((fee, index) => ({
      '@id': `${base}#cost-${index + 1}`,
      '@type': 'cv:Cost',
      'dct:identifier': `${code}-cost-${index + 1}`,
      'dct:description': zh(`${fee.name}：${fee.standard}（${fee.basis}）`),
      ...(fee.amountCny !== undefined ? { 'cv:value': fee.amountCny, 'cv:currency': 'CNY' } : {}),
    })),
    'cpsv:produces': item.results.map((output, index) => ({
      '@id': `${base}#output-${index + 1}`,
      '@type': 'cv:Output',
      'dct:identifier': `${code}-output-${index + 1}`,
      'dct:title': zh(output.name),
    })),
    'cv:hasChannel': channels,
    'cv:hasContactPoint': phones.length > 0 ? [{ '@type': 'cv:ContactPoint', 'cv:telephone': phones }] : [],
  };
}
