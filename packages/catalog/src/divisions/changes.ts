// Curated GB/T 2260 changes that the NBS 2023 source cannot show (it lists only codes in use in 2023).
// Each entry names the State Council approval year; sources: the 民政部 行政区划代码 change lists of the year and the
// cited local government announcements. Extend with care: a code is reused only after being retired.

/** A retired division code kept so that old records (ID numbers, USCCs) are recognised. */
export interface RetiredDivisionRecord {
  code: string;
  name: string;
  /** Year (or date) the code stopped being valid. */
  validTo: string;
  /** Codes that took over the area. */
  replacedBy: string[];
  /** Where the change is documented. */
  source: string;
}

/** The curated retired codes, merged into the division index (not exported from the package). */
export const RETIRED_DIVISIONS: readonly RetiredDivisionRecord[] = [
  // 衡阳市 2001: 撤销江东区、城南区、城北区、郊区，设立珠晖区、雁峰区、石鼓区、蒸湘区 (国务院 2001 批复; 衡阳市人民政府 区划沿革).
  { code: '430402', name: '江东区', validTo: '2001', replacedBy: ['430405'], source: '衡阳市区划调整 2001' },
  { code: '430403', name: '城南区', validTo: '2001', replacedBy: ['430406'], source: '衡阳市区划调整 2001' },
  { code: '430404', name: '城北区', validTo: '2001', replacedBy: ['430407'], source: '衡阳市区划调整 2001' },
  {
    code: '430411',
    name: '郊区',
    validTo: '2001',
    replacedBy: ['430405', '430406', '430407', '430408'],
    source: '衡阳市区划调整 2001',
  },
  // 北京市 2010: 撤销东城区、崇文区设立新东城区；撤销西城区、宣武区设立新西城区.
  {
    code: '110103',
    name: '崇文区',
    validTo: '2010',
    replacedBy: ['110101'],
    source: '国务院批复 2010 (北京市区划调整)',
  },
  {
    code: '110104',
    name: '宣武区',
    validTo: '2010',
    replacedBy: ['110102'],
    source: '国务院批复 2010 (北京市区划调整)',
  },
  // 天津市 2009: 撤销塘沽区、汉沽区、大港区，设立滨海新区.
  { code: '120107', name: '塘沽区', validTo: '2009', replacedBy: ['120116'], source: '国务院批复 2009 (天津滨海新区)' },
  { code: '120108', name: '汉沽区', validTo: '2009', replacedBy: ['120116'], source: '国务院批复 2009 (天津滨海新区)' },
  { code: '120109', name: '大港区', validTo: '2009', replacedBy: ['120116'], source: '国务院批复 2009 (天津滨海新区)' },
  // 上海市 2011: 卢湾区并入黄浦区; 2015: 闸北区并入静安区.
  {
    code: '310103',
    name: '卢湾区',
    validTo: '2011',
    replacedBy: ['310101'],
    source: '国务院批复 2011 (上海市区划调整)',
  },
  {
    code: '310108',
    name: '闸北区',
    validTo: '2015',
    replacedBy: ['310106'],
    source: '国务院批复 2015 (上海市区划调整)',
  },
  // 南京市 2013: 白下区并入秦淮区，下关区并入鼓楼区.
  {
    code: '320103',
    name: '白下区',
    validTo: '2013',
    replacedBy: ['320104'],
    source: '国务院批复 2013 (南京市区划调整)',
  },
  {
    code: '320107',
    name: '下关区',
    validTo: '2013',
    replacedBy: ['320106'],
    source: '国务院批复 2013 (南京市区划调整)',
  },
  // 安徽省 2011: 撤销地级巢湖市.
  {
    code: '341400',
    name: '巢湖市',
    validTo: '2011',
    replacedBy: ['340100', '340500', '340200'],
    source: '国务院批复 2011 (撤销地级巢湖市)',
  },
];

/** validFrom of codes created by the changes above. */
export const DIVISION_VALID_FROM: Readonly<Record<string, string>> = {
  '430405': '2001',
  '430406': '2001',
  '430407': '2001',
  '430408': '2001',
  '120116': '2009',
};
