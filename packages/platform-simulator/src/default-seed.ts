import { loadHengyangItems } from './internal/catalog-seed';
import { loadFixtureCertificates, toWireCertificate } from './internal/fixture-certificates';
import type { SimulatorCertificate, SimulatorCredentials, SimulatorSeed } from './types';

/**
 * The test-only credentials embedded in the simulator, so a demo or CI run needs no setup. They are public: never
 * configure a real platform with them, and never give the simulator a real secret.
 *
 * @example
 * ```ts
 * const client = createExchangeClient({ baseUrl: 'http://127.0.0.1:18080/api/v1/', credentials: DEFAULT_CREDENTIALS });
 * ```
 */
export const DEFAULT_CREDENTIALS: Readonly<SimulatorCredentials> = Object.freeze({
  appKey: 'zwfw-sim-test-app',
  appSecret: 'zwfw-sim-test-secret-not-for-production',
});

const ADMIN_APPROVAL_BUREAU = { code: '11430400MB1D03622L', name: '衡阳市行政审批服务局' };

const PLACEHOLDER_CERTIFICATES: SimulatorCertificate[] = [
  {
    certId: '1.2.156.3005.2.11100000000013338W032.114304001000001120.HY2025000001.001.9',
    certTypeCode: '11100000000013338W032',
    certTypeName: '营业执照',
    certNo: 'HY2025000001',
    holderName: '衡阳市示例食品有限公司',
    holderCode: '914304001000001234',
    holderType: '001',
    issuer: { code: '114304001000001120', name: '衡阳市市场监督管理局' },
    issuedAt: '2025-03-18',
    validUntil: null,
    status: '01',
    trustGrade: 'A',
    fileFormat: 'pdf',
  },
  {
    certId: '1.2.156.3005.2.11100000000013338W011.114304001000001120.HY2025000002.001.T',
    certTypeCode: '11100000000013338W011',
    certTypeName: '居民身份证电子证照',
    certNo: 'HY2025000002',
    holderName: '张三',
    holderCode: '430405199001011234',
    holderType: '111',
    issuer: { code: '114304001000001120', name: '衡阳市公安局' },
    issuedAt: '2025-06-01',
    validUntil: '2045-06-01',
    status: '01',
    trustGrade: 'A',
    fileFormat: 'pdf',
  },
  {
    certId: '1.2.156.3005.2.11100000000013338W009.114304001000001120.HY2025000003.001.J',
    certTypeCode: '11100000000013338W009',
    certTypeName: '食品经营许可证',
    certNo: 'HY2025000003',
    holderName: '衡阳市示例食品有限公司',
    holderCode: '914304001000001234',
    holderType: '001',
    issuer: ADMIN_APPROVAL_BUREAU,
    issuedAt: '2024-01-10',
    validUntil: '2029-01-09',
    status: '04',
    trustGrade: 'B',
    fileFormat: 'pdf',
  },
];

/**
 * Built-in seed: the items of the synthetic Hengyang catalog (`fixtures/catalog/hengyang-catalog.json`, converted by
 * `scripts/gen-seed.ts`), six e-certificates (three from `fixtures/certificate/`, rendered as real PDFs), three catalogue resources (无条件 / 有条件 / 不予共享 共享), the test app
 * ({@link DEFAULT_CREDENTIALS}, approved for the conditional resource) and one hall.
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ seed: { halls: [...DEFAULT_SEED.halls!, { hallId: 'H2', name: '县大厅' }] } });
 * ```
 */
export const DEFAULT_SEED: SimulatorSeed = {
  /** The 498 items of the synthetic Hengyang catalog fixture (`seed/hengyang-items.json`), loaded on first use. */
  get items() {
    return loadHengyangItems();
  },
  /**
   * The three synthetic e-certificates of `fixtures/certificate/` (营业执照, 不动产权证书, 证明; downloads are PDFs
   * rendered by `@zwfw/certificate`), then three more with placeholder files, one of them 注销.
   */
  get certificates() {
    return [...loadFixtureCertificates().map(toWireCertificate), ...PLACEHOLDER_CERTIFICATES];
  },
  resources: [
    {
      code: '430400-SC-0001',
      name: '企业登记基本信息',
      provider: { code: '114304001000001120', name: '衡阳市市场监督管理局' },
      summary: '企业名称、统一社会信用代码、登记状态',
      format: 'JSON',
      fields: [
        { name: 'uscc', dataType: 'string' },
        { name: 'name', dataType: 'string' },
        { name: 'state', dataType: 'string' },
      ],
      shareType: 'unconditional',
      shareMethod: '接口',
      updateCycle: '实时',
      publishedAt: '2025-01-01',
      rows: [{ uscc: '914304001000001234', name: '衡阳市示例食品有限公司', state: '存续' }],
    },
    {
      code: '430400-GA-0002',
      name: '户籍人口基本信息',
      provider: { code: '114304001000001121', name: '衡阳市公安局' },
      summary: '姓名、公民身份号码、户籍地址',
      format: 'JSON',
      fields: [
        { name: 'idNumber', dataType: 'string' },
        { name: 'name', dataType: 'string' },
        { name: 'address', dataType: 'string' },
      ],
      shareType: 'conditional',
      shareCondition: '办理政务服务事项核验申请人身份时使用',
      shareMethod: '接口',
      updateCycle: '每日',
      publishedAt: '2025-01-01',
      rows: [{ idNumber: '430405199001011234', name: '张三', address: '湖南省衡阳市雁峰区示例路1号' }],
    },
    {
      code: '430400-SW-0003',
      name: '纳税人涉税明细',
      provider: { code: '114304001000001122', name: '国家税务总局衡阳市税务局' },
      summary: '纳税明细',
      format: 'JSON',
      fields: [{ name: 'uscc', dataType: 'string' }],
      shareType: 'none',
      publishedAt: '2025-01-01',
      rows: [],
    },
  ],
  apps: [{ ...DEFAULT_CREDENTIALS, name: '模拟器测试应用 (test only)', approvedResources: ['430400-GA-0002'] }],
  halls: [{ hallId: 'HY-HALL-01', name: '衡阳市政务服务中心' }],
};
