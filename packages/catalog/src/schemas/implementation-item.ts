import { z } from 'zod';
import {
  BodyNatureSchema,
  CaseTypeSchema,
  ContactKindSchema,
  ExerciseLevelSchema,
  HandleAreaSchema,
  HandlingFormSchema,
  ItemStatusSchema,
  ItemTypeSchema,
  MaterialFormSchema,
  MaterialNecessitySchema,
  MaterialSourceSchema,
  OnlineCapabilitySchema,
  PowerSourceSchema,
  ResultKindSchema,
  ServiceObjectSchema,
  ServicePointLevelSchema,
  SpecialProcedureTypeSchema,
  TimeUnitSchema,
} from './enums';

// Structure only: formats are checked by regular expressions; check characters and cross-field rules are checked by
// validateCatalog (so a schema parse stays cheap and reports every structural problem at once).
const text = z.string().trim().min(1);
const optionalText = z.string().optional();
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Schema of a unified social credit code's shape (the check character is checked by `checkUscc`). */
export const UsccSchema = z.string().regex(USCC_SHAPE, 'expected an 18-character unified social credit code');
/** Schema of a six-digit GB/T 2260 division code. */
export const DivisionCodeSchema = z.string().regex(/^\d{6}$/, 'expected a six-digit division code');
/** Schema of a 6- or 12-digit region code (to township and village). */
export const RegionCodeSchema = z.string().regex(/^\d{6}(\d{6})?$/, 'expected a 6- or 12-digit region code');
/** Schema of a 12-character basic code (基本编码). */
export const BasicCodeSchema = z.string().regex(/^[0-9A-Z]{12}$/, 'expected a 12-character basic code');
/** Schema of an implementation code: 31 characters strictly; foreign data may reach 36 (`task_code varchar(36)`). */
export const ImplementationCodeSchema = z.string().regex(/^[0-9A-Z]{10,36}$/, 'expected an implementation code');
/** Schema of a business-handling-item code (33 characters when national). */
export const HandlingItemCodeSchema = z.string().regex(/^[0-9A-Z]{10,50}$/, 'expected a handling-item code');
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date');

/** 设定依据: a law, regulation or normative document and clause. */
export const LegalBasisSchema = z.looseObject({
  lawName: text,
  documentNumber: optionalText,
  clause: optionalText,
  clauseText: optionalText,
  eliUri: optionalText,
});
/** A legal basis (output type of {@link LegalBasisSchema}). */
export type LegalBasis = z.output<typeof LegalBasisSchema>;

/** A time limit in a unit (法定/承诺办结时限). */
export const TimeLimitSchema = z.looseObject({
  value: z.number().nonnegative().finite(),
  unit: TimeUnitSchema,
  note: optionalText,
});
/** A time limit (output type of {@link TimeLimitSchema}). */
export type TimeLimit = z.output<typeof TimeLimitSchema>;

/**
 * 实施主体. `division` is `null` for a functional zone without a GB/T 2260 code (高新区): set `zoneCode` then.
 */
export const ImplementingBodySchema = z.looseObject({
  name: text,
  uscc: UsccSchema,
  nature: BodyNatureSchema,
  level: ExerciseLevelSchema,
  division: DivisionCodeSchema.nullable(),
  zoneCode: optionalText,
  entrustingBody: optionalText,
});
/** An implementing body (output type of {@link ImplementingBodySchema}). */
export type ImplementingBody = z.output<typeof ImplementingBodySchema>;

/** 申请材料. `certificateTypeCode` links a government-issued material to an e-certificate type (材料复用). */
export const MaterialSchema = z.looseObject({
  name: text,
  necessity: MaterialNecessitySchema,
  source: MaterialSourceSchema,
  sourceNote: optionalText,
  originals: z.int().nonnegative().optional(),
  copies: z.int().nonnegative().optional(),
  paperSpec: optionalText,
  forms: z.array(MaterialFormSchema).min(1),
  blankFormUrl: optionalText,
  sampleUrl: optionalText,
  acceptanceStandard: optionalText,
  fillingNotes: optionalText,
  basis: z.array(LegalBasisSchema).optional(),
  optionalWhen: optionalText,
  exemptViaDataSharing: z.boolean().optional(),
  certificateTypeCode: optionalText,
});
/** A material (output type of {@link MaterialSchema}). */
export type Material = z.output<typeof MaterialSchema>;

/** 收费项目. */
export const FeeSchema = z.looseObject({
  name: text,
  standard: text,
  basis: z.string(),
  reducible: z.boolean(),
  reductionBasis: optionalText,
  amountCny: z.number().nonnegative().finite().optional(),
});
/** A fee (output type of {@link FeeSchema}). */
export type Fee = z.output<typeof FeeSchema>;

/** 办理流程环节. */
export const ProcessStepSchema = z.looseObject({
  name: text,
  handler: optionalText,
  limit: TimeLimitSchema.optional(),
  hasSpecialProcedure: z.boolean(),
  note: optionalText,
});
/** A process step (output type of {@link ProcessStepSchema}). */
export type ProcessStep = z.output<typeof ProcessStepSchema>;

/** 特别程序 (听证, 检验, 专家评审 …): not counted in the time limit. */
export const SpecialProcedureSchema = z.looseObject({
  kind: text,
  type: SpecialProcedureTypeSchema.optional(),
  maxDuration: TimeLimitSchema.optional(),
  basis: optionalText,
});
/** A special procedure (output type of {@link SpecialProcedureSchema}). */
export type SpecialProcedure = z.output<typeof SpecialProcedureSchema>;

/** 审批结果. `certificateTypeCode` names the e-certificate type issued, when the result is one. */
export const ItemResultSchema = z.looseObject({
  name: text,
  kind: ResultKindSchema,
  sampleUrl: optionalText,
  certificateTypeCode: optionalText,
});
/** A result (output type of {@link ItemResultSchema}). */
export type ItemResult = z.output<typeof ItemResultSchema>;

/** 网上办理: availability, entry points, depth as capability flags, and the optional provincial depth label. */
export const OnlineServiceSchema = z.looseObject({
  available: z.boolean(),
  pcUrl: optionalText,
  mobileUrl: optionalText,
  singleSignOn: z.boolean().optional(),
  capabilities: z.array(OnlineCapabilitySchema),
  provincialDepthLabel: optionalText,
  appointment: z.boolean().optional(),
  onlinePayment: z.boolean().optional(),
  express: z.boolean().optional(),
  selfServiceTerminal: z.boolean().optional(),
});
/** Online service capabilities (output type of {@link OnlineServiceSchema}). */
export type OnlineService = z.output<typeof OnlineServiceSchema>;

/** 办理地点 at one of four levels (市/县/乡镇(街道)/村(社区)). */
export const ServicePointSchema = z.looseObject({
  level: ServicePointLevelSchema,
  region: RegionCodeSchema,
  name: text,
  address: text,
  windows: z.array(z.string()).optional(),
  hours: text,
  phone: optionalText,
  inHall: z.boolean(),
});
/** A service point (output type of {@link ServicePointSchema}). */
export type ServicePoint = z.output<typeof ServicePointSchema>;

/** A consultation or complaint channel (咨询/监督投诉方式). */
export const ContactChannelSchema = z.looseObject({ kind: ContactKindSchema, value: text });
/** A contact channel (output type of {@link ContactChannelSchema}). */
export type ContactChannel = z.output<typeof ContactChannelSchema>;

/** 救济途径: 行政复议 and 行政诉讼. */
export const RemedySchema = z.looseObject({ reviewDepartment: optionalText, litigationCourt: optionalText });
/** Remedies (output type of {@link RemedySchema}). */
export type Remedy = z.output<typeof RemedySchema>;

/**
 * An item of an implementation list (实施清单), with every element group of GB/T 39554 / catalog.md §5. Unknown fields
 * are kept (loose objects) and `extensions` carries province or vendor fields untouched.
 *
 * @example
 * ```ts
 * const item = ImplementationItemSchema.parse(json);
 * item.body.uscc; item.promisedLimit.value;
 * ```
 */
export const ImplementationItemSchema = z.looseObject({
  implementationCode: ImplementationCodeSchema,
  handlingItemCode: HandlingItemCodeSchema.optional(),
  localImplementationCode: optionalText,
  basicCode: BasicCodeSchema,
  name: text,
  type: ItemTypeSchema,
  body: ImplementingBodySchema,
  powerSource: PowerSourceSchema,
  jointBodies: z.array(ImplementingBodySchema).optional(),
  serviceObjects: z.array(ServiceObjectSchema).min(1),
  handleArea: HandleAreaSchema.optional(),
  legalBasis: z.array(LegalBasisSchema).default([]),
  legalLimit: TimeLimitSchema,
  promisedLimit: TimeLimitSchema,
  caseType: CaseTypeSchema,
  handlingForms: z.array(HandlingFormSchema).min(1),
  maxOnSiteVisits: z.int().nonnegative(),
  onSiteReason: optionalText,
  acceptanceConditions: z.string(),
  materials: z.array(MaterialSchema).default([]),
  charged: z.boolean(),
  fees: z.array(FeeSchema).default([]),
  feeBasis: optionalText,
  process: z.array(ProcessStepSchema).default([]),
  specialProcedures: z.array(SpecialProcedureSchema).default([]),
  results: z.array(ItemResultSchema).default([]),
  online: OnlineServiceSchema,
  servicePoints: z.array(ServicePointSchema).default([]),
  consultation: z.array(ContactChannelSchema).default([]),
  complaint: z.array(ContactChannelSchema).default([]),
  remedy: RemedySchema.optional(),
  quantityLimit: optionalText,
  intermediaryServices: z.array(z.string()).optional(),
  faqs: z.array(z.looseObject({ question: text, answer: text })).default([]),
  themes: z
    .looseObject({ naturalPerson: z.array(z.string()).optional(), legalPerson: z.array(z.string()).optional() })
    .optional(),
  status: ItemStatusSchema,
  version: z.int().positive(),
  plannedEffective: dateText.optional(),
  plannedCancel: dateText.optional(),
  extensions: z.record(z.string(), z.unknown()).optional(),
});
/** An implementation-list item after parsing (defaults applied). */
export type ImplementationItem = z.output<typeof ImplementationItemSchema>;
/** An implementation-list item as accepted by {@link ImplementationItemSchema} (optional arrays may be omitted). */
export type ImplementationItemInput = z.input<typeof ImplementationItemSchema>;

/**
 * Whether `value` has the structure of an {@link ImplementationItem} (schema only; see `validateCatalog` for the
 * cross-field rules).
 *
 * @param value - any value.
 * @returns `true` when {@link ImplementationItemSchema} accepts it.
 * @example
 * ```ts
 * if (isImplementationItem(json)) console.log(json.name);
 * ```
 */
export function isImplementationItem(value: unknown): value is ImplementationItem {
  return ImplementationItemSchema.safeParse(value).success;
}
