/**
 * A functional zone (功能区: 高新区, 经开区, 综合保税区 …) that acts as an implementing area although it has no GB/T
 * 2260 division code. Items implemented by such a zone set `body.division` to `null` and `body.zoneCode` to
 * {@link FunctionalZone.code}.
 */
export interface FunctionalZone {
  /** Local code of the zone, stable in this SDK: `<parent division>-<short id>`; a provincial platform code may differ. */
  code: string;
  /** Official name. */
  name: string;
  /** The GB/T 2260 division (prefecture or county) the zone belongs to. */
  parentDivision: string;
  /** The NBS statistical area code, where NBS assigns one (5th digit 7). */
  statisticalCode?: string;
  /** Zone that absorbed this one, when merged. */
  mergedInto?: string;
  /** Year (or date) the zone stopped existing as a separate implementing area. */
  validTo?: string;
  /** Where the information comes from. */
  source: string;
}

/**
 * Functional zones of Hengyang (衡阳市, 430400). In 2022 高新区, 综合保税区, 白沙工业园 and 衡山科学城 were merged into 衡阳
 * 高新区, which received 346 city-level powers (catalog.md §8). Hunan's platform zone codes are not public: the codes
 * here are this SDK's local codes.
 */
export const HENGYANG_FUNCTIONAL_ZONES: readonly FunctionalZone[] = [
  {
    code: '430400-GXQ',
    name: '衡阳高新技术产业开发区',
    parentDivision: '430400',
    statisticalCode: '430476',
    source: 'NBS 2023 统计用区划代码 430476; smezh.com newinfo 3769 (2022 merger, 346 powers)',
  },
  {
    code: '430400-SMJKQ',
    name: '衡阳松木经济开发区',
    parentDivision: '430400',
    statisticalCode: '430473',
    source: 'NBS 2023 统计用区划代码 430473',
  },
  {
    code: '430400-ZBQ',
    name: '衡阳综合保税区',
    parentDivision: '430400',
    mergedInto: '430400-GXQ',
    validTo: '2022',
    source: 'smezh.com newinfo 3769 (merged into 衡阳高新区 in 2022)',
  },
  {
    code: '430400-BSGYY',
    name: '衡阳白沙洲工业园区',
    parentDivision: '430400',
    mergedInto: '430400-GXQ',
    validTo: '2022',
    source: 'smezh.com newinfo 3769 (merged into 衡阳高新区 in 2022)',
  },
];
