import { z } from 'zod';

/** 事项类型 (GB/T 39046—2020 A.1). `X_FILING` (行政备案) has no national numeric code yet; profiles map it. */
export const ItemType = {
  AdministrativePower: '00',
  Licensing: '01',
  Penalty: '02',
  Coercion: '03',
  Levy: '04',
  Payment: '05',
  Inspection: '06',
  Confirmation: '07',
  Award: '08',
  Adjudication: '09',
  OtherPower: '10',
  PublicService: '20',
  Filing: 'X_FILING',
} as const;
/** A value of {@link ItemType}. */
export type ItemType = (typeof ItemType)[keyof typeof ItemType];

/** 行使层级 (GB/T 39046—2020 A.2). */
export const ExerciseLevel = {
  National: '1',
  Provincial: '2',
  Municipal: '3',
  County: '4',
  Township: '5',
  Village: '6',
  Tiered: '7',
} as const;
/** A value of {@link ExerciseLevel}. */
export type ExerciseLevel = (typeof ExerciseLevel)[keyof typeof ExerciseLevel];

/** 实施主体性质 (GB/T 39046—2020 A.3). */
export const BodyNature = {
  StatutoryOrgan: '1',
  AuthorizedOrganization: '2',
  EntrustedOrganization: '3',
  Other: '9',
} as const;
/** A value of {@link BodyNature}. */
export type BodyNature = (typeof BodyNature)[keyof typeof BodyNature];

/** 服务对象 (GB/T 39046—2020 A.4, plus 非法人企业 that vendors send as `5`). */
export const ServiceObject = {
  NaturalPerson: '1',
  Enterprise: '2',
  PublicInstitution: '3',
  SocialOrganization: '4',
  AdministrativeOrgan: '5',
  OtherOrganization: '6',
  UnincorporatedEnterprise: 'X_UNINCORPORATED',
} as const;
/** A value of {@link ServiceObject}. */
export type ServiceObject = (typeof ServiceObject)[keyof typeof ServiceObject];

/** 办理形式 (GB/T 39046—2020 A.5). */
export const HandlingForm = { Window: '1', OnlinePc: '2', OnlineMobile: '3', Express: '4', Other: '9' } as const;
/** A value of {@link HandlingForm}. */
export type HandlingForm = (typeof HandlingForm)[keyof typeof HandlingForm];

/** 办件类型 (GB/T 39046—2020 A.6). */
export const CaseType = { Immediate: '1', Promised: '2', Other: '9' } as const;
/** A value of {@link CaseType}. */
export type CaseType = (typeof CaseType)[keyof typeof CaseType];

/** 特别程序种类 (GB/T 39046—2020 A.7). */
export const SpecialProcedureType = { Extension: '1', OtherThanExtension: '2' } as const;
/** A value of {@link SpecialProcedureType}. */
export type SpecialProcedureType = (typeof SpecialProcedureType)[keyof typeof SpecialProcedureType];

/** 权力来源 (exchange field `power_source`). */
export const PowerSource = {
  StatutoryOwnLevel: '1',
  DelegatedFromAbove: '2',
  AuthorizedByAbove: '3',
  AuthorizedBySameLevel: '4',
  EntrustedByAbove: '5',
  EntrustedBySameLevel: '6',
} as const;
/** A value of {@link PowerSource}. */
export type PowerSource = (typeof PowerSource)[keyof typeof PowerSource];

/** 时限单位. The national item-library code set is not public; profiles map raw codes. */
export const TimeUnit = { WorkingDay: 'WORKING_DAY', NaturalDay: 'NATURAL_DAY', Month: 'MONTH', Year: 'YEAR' } as const;
/** A value of {@link TimeUnit}. */
export type TimeUnit = (typeof TimeUnit)[keyof typeof TimeUnit];

/** 材料必要性. */
export const MaterialNecessity = {
  Required: 'REQUIRED',
  Optional: 'OPTIONAL',
  DeferrableOnCommitment: 'DEFERRABLE',
} as const;
/** A value of {@link MaterialNecessity}. */
export type MaterialNecessity = (typeof MaterialNecessity)[keyof typeof MaterialNecessity];

/** 材料来源渠道. */
export const MaterialSource = { Applicant: '10', GovernmentIssued: '20', Intermediary: '30', Other: '99' } as const;
/** A value of {@link MaterialSource}. */
export type MaterialSource = (typeof MaterialSource)[keyof typeof MaterialSource];

/** 材料形式. */
export const MaterialForm = { Paper: 'PAPER', Electronic: 'ELECTRONIC' } as const;
/** A value of {@link MaterialForm}. */
export type MaterialForm = (typeof MaterialForm)[keyof typeof MaterialForm];

/** 通办范围. */
export const HandleArea = {
  National: 'NATIONAL',
  CrossProvince: 'PROVINCE',
  CrossCity: 'CITY',
  CrossCounty: 'COUNTY',
} as const;
/** A value of {@link HandleArea}. */
export type HandleArea = (typeof HandleArea)[keyof typeof HandleArea];

/** 事项状态. */
export const ItemStatus = { Active: 'ACTIVE', Suspended: 'SUSPENDED', Cancelled: 'CANCELLED', Draft: 'DRAFT' } as const;
/** A value of {@link ItemStatus}. */
export type ItemStatus = (typeof ItemStatus)[keyof typeof ItemStatus];

/** Node of the basic directory tree: 主项, 子项, 业务办理项. */
export const ItemNode = { Main: 'MAIN', Sub: 'SUB', Handling: 'HANDLING' } as const;
/** A value of {@link ItemNode}. */
export type ItemNode = (typeof ItemNode)[keyof typeof ItemNode];

/** 网上办理深度 as capability flags (vendor depth scales map onto these). */
export const OnlineCapability = {
  Consult: 'CONSULT',
  Submit: 'SUBMIT',
  PreReview: 'PRE_REVIEW',
  Accept: 'ACCEPT',
  Process: 'PROCESS',
  ResultFeedback: 'RESULT_FEEDBACK',
  ELicence: 'E_LICENCE',
} as const;
/** A value of {@link OnlineCapability}. */
export type OnlineCapability = (typeof OnlineCapability)[keyof typeof OnlineCapability];

/** Level of a service point (办理地点): 市, 县, 乡镇(街道), 村(社区). */
export const ServicePointLevel = { City: 'CITY', County: 'COUNTY', Township: 'TOWNSHIP', Village: 'VILLAGE' } as const;
/** A value of {@link ServicePointLevel}. */
export type ServicePointLevel = (typeof ServicePointLevel)[keyof typeof ServicePointLevel];

/** Kind of a consultation or complaint channel. */
export const ContactKind = {
  Window: 'WINDOW',
  Phone: 'PHONE',
  Web: 'WEB',
  Email: 'EMAIL',
  Letter: 'LETTER',
  WeChat: 'WECHAT',
} as const;
/** A value of {@link ContactKind}. */
export type ContactKind = (typeof ContactKind)[keyof typeof ContactKind];

/** Kind of an item's result (审批结果类型). */
export const ResultKind = {
  Licence: 'LICENCE',
  ApprovalDocument: 'APPROVAL_DOC',
  Other: 'OTHER',
  None: 'NONE',
} as const;
/** A value of {@link ResultKind}. */
export type ResultKind = (typeof ResultKind)[keyof typeof ResultKind];

/**
 * Chinese labels of every enumeration value, keyed by enumeration name. Values that are GB/T 39046 codes carry the
 * standard's label.
 *
 * @example
 * ```ts
 * ENUM_LABELS.itemType['01']; // '行政许可'
 * ```
 */
export const ENUM_LABELS = {
  itemType: {
    '00': '行政权力事项',
    '01': '行政许可',
    '02': '行政处罚',
    '03': '行政强制',
    '04': '行政征收',
    '05': '行政给付',
    '06': '行政检查',
    '07': '行政确认',
    '08': '行政奖励',
    '09': '行政裁决',
    '10': '其他行政权力',
    '20': '公共服务',
    X_FILING: '行政备案',
  },
  exerciseLevel: {
    '1': '国家级',
    '2': '省级',
    '3': '市级',
    '4': '县级',
    '5': '镇(乡、街道)级',
    '6': '村(社区)级',
    '7': '分级管理',
  },
  bodyNature: { '1': '法定机关', '2': '授权组织', '3': '受委托组织', '9': '其他' },
  serviceObject: {
    '1': '自然人',
    '2': '企业法人',
    '3': '事业法人',
    '4': '社会组织法人',
    '5': '行政机关',
    '6': '其他组织',
    X_UNINCORPORATED: '非法人企业',
  },
  handlingForm: { '1': '窗口办理', '2': '电脑端网上办理', '3': '移动端网上申请', '4': '快递申请', '9': '其他' },
  caseType: { '1': '即办件', '2': '承诺件', '9': '其他' },
  specialProcedureType: { '1': '延长审批', '2': '除延长审批之外的情况' },
  powerSource: {
    '1': '法定本级行使',
    '2': '上级下放',
    '3': '上级授权',
    '4': '同级授权',
    '5': '上级委托',
    '6': '同级委托',
  },
  timeUnit: { WORKING_DAY: '工作日', NATURAL_DAY: '自然日', MONTH: '月', YEAR: '年' },
  materialNecessity: { REQUIRED: '必要', OPTIONAL: '非必要', DEFERRABLE: '容缺后补' },
  materialSource: { '10': '申请人自备', '20': '政府部门核发', '30': '中介机构出具', '99': '其他' },
  materialForm: { PAPER: '纸质', ELECTRONIC: '电子' },
  handleArea: { NATIONAL: '全国通办', PROVINCE: '跨省通办', CITY: '跨市通办', COUNTY: '跨县通办' },
  itemStatus: { ACTIVE: '在用', SUSPENDED: '暂停', CANCELLED: '取消', DRAFT: '草稿' },
  itemNode: { MAIN: '主项', SUB: '子项', HANDLING: '业务办理项' },
  onlineCapability: {
    CONSULT: '互联网咨询',
    SUBMIT: '网上收件',
    PRE_REVIEW: '网上预审',
    ACCEPT: '网上受理',
    PROCESS: '网上办理',
    RESULT_FEEDBACK: '办理结果信息反馈',
    E_LICENCE: '电子证照反馈',
  },
  servicePointLevel: { CITY: '市级', COUNTY: '县级', TOWNSHIP: '乡镇(街道)', VILLAGE: '村(社区)' },
  contactKind: { WINDOW: '窗口', PHONE: '电话', WEB: '网站', EMAIL: '电子邮件', LETTER: '信函', WECHAT: '微信' },
  resultKind: { LICENCE: '证照', APPROVAL_DOC: '批文', OTHER: '其他', NONE: '无' },
} as const satisfies {
  itemType: Record<ItemType, string>;
  exerciseLevel: Record<ExerciseLevel, string>;
  bodyNature: Record<BodyNature, string>;
  serviceObject: Record<ServiceObject, string>;
  handlingForm: Record<HandlingForm, string>;
  caseType: Record<CaseType, string>;
  specialProcedureType: Record<SpecialProcedureType, string>;
  powerSource: Record<PowerSource, string>;
  timeUnit: Record<TimeUnit, string>;
  materialNecessity: Record<MaterialNecessity, string>;
  materialSource: Record<MaterialSource, string>;
  materialForm: Record<MaterialForm, string>;
  handleArea: Record<HandleArea, string>;
  itemStatus: Record<ItemStatus, string>;
  itemNode: Record<ItemNode, string>;
  onlineCapability: Record<OnlineCapability, string>;
  servicePointLevel: Record<ServicePointLevel, string>;
  contactKind: Record<ContactKind, string>;
  resultKind: Record<ResultKind, string>;
};

/** zod schemas of the enumerations, in the same order as {@link ENUM_LABELS}. */
export const ItemTypeSchema = z.enum(ItemType);
/** zod schema of {@link ExerciseLevel}. */
export const ExerciseLevelSchema = z.enum(ExerciseLevel);
/** zod schema of {@link BodyNature}. */
export const BodyNatureSchema = z.enum(BodyNature);
/** zod schema of {@link ServiceObject}. */
export const ServiceObjectSchema = z.enum(ServiceObject);
/** zod schema of {@link HandlingForm}. */
export const HandlingFormSchema = z.enum(HandlingForm);
/** zod schema of {@link CaseType}. */
export const CaseTypeSchema = z.enum(CaseType);
/** zod schema of {@link SpecialProcedureType}. */
export const SpecialProcedureTypeSchema = z.enum(SpecialProcedureType);
/** zod schema of {@link PowerSource}. */
export const PowerSourceSchema = z.enum(PowerSource);
/** zod schema of {@link TimeUnit}. */
export const TimeUnitSchema = z.enum(TimeUnit);
/** zod schema of {@link MaterialNecessity}. */
export const MaterialNecessitySchema = z.enum(MaterialNecessity);
/** zod schema of {@link MaterialSource}. */
export const MaterialSourceSchema = z.enum(MaterialSource);
/** zod schema of {@link MaterialForm}. */
export const MaterialFormSchema = z.enum(MaterialForm);
/** zod schema of {@link HandleArea}. */
export const HandleAreaSchema = z.enum(HandleArea);
/** zod schema of {@link ItemStatus}. */
export const ItemStatusSchema = z.enum(ItemStatus);
/** zod schema of {@link ItemNode}. */
export const ItemNodeSchema = z.enum(ItemNode);
/** zod schema of {@link OnlineCapability}. */
export const OnlineCapabilitySchema = z.enum(OnlineCapability);
/** zod schema of {@link ServicePointLevel}. */
export const ServicePointLevelSchema = z.enum(ServicePointLevel);
/** zod schema of {@link ContactKind}. */
export const ContactKindSchema = z.enum(ContactKind);
/** zod schema of {@link ResultKind}. */
export const ResultKindSchema = z.enum(ResultKind);
