/**
 * Government service items (政务服务事项): models, codes, validation and catalog operations.
 *
 * Exported from `@zwfw/catalog`.
 *
 * @module
 */
export { CatalogError, CatalogValidationError, isCatalogError } from './errors';
export type { CatalogErrorCode } from './errors';
export type { BilingualMessage, CheckResult, Issue, IssueSeverity } from './issue';
export { maskPersonalData } from './mask-personal-data';

export {
  checkUscc,
  computeOrganizationCodeCheckCharacter,
  computeUsccCheckCharacter,
  formatUscc,
  parseUscc,
  USCC_ALPHABET,
  USCC_WEIGHTS,
} from './codes/uscc';
export type { UsccCheckOptions, UsccParts } from './codes/uscc';
export {
  checkResidentId,
  computeResidentIdCheckCharacter,
  parseResidentId,
  RESIDENCE_PERMIT_ADDRESS_CODES,
  RESIDENT_ID_WEIGHTS,
} from './codes/resident-id';
export type { ResidentIdCheckOptions, ResidentIdParts } from './codes/resident-id';
export { checkDivisionCode, formatDivisionCode12, parseDivisionCode } from './codes/division-code';
export type { DivisionCodeCheckOptions, DivisionCodeParts } from './codes/division-code';
export { BASIC_CODE_PATTERN, checkBasicCode, parseBasicCode } from './codes/basic-code';
export type { BasicCodeParts } from './codes/basic-code';
export {
  checkHandlingItemCode,
  checkImplementationCode,
  formatImplementationCode,
  HANDLING_ITEM_CODE_LENGTH,
  IMPLEMENTATION_CODE_LENGTH,
  parseHandlingItemCode,
  parseImplementationCode,
} from './codes/implementation-code';
export type { HandlingItemCodeParts, ImplementationCodeParts } from './codes/implementation-code';

export {
  DIVISION_DATA_VERSION,
  findDivision,
  findFunctionalZone,
  listDivisions,
  registerFunctionalZone,
} from './divisions/divisions';
export type { Division, DivisionLevel, ListDivisionsOptions } from './divisions/divisions';
export { HENGYANG_FUNCTIONAL_ZONES } from './divisions/functional-zones';
export type { FunctionalZone } from './divisions/functional-zones';

export {
  BodyNature,
  CaseType,
  ContactKind,
  ENUM_LABELS,
  ExerciseLevel,
  HandleArea,
  HandlingForm,
  ItemNode,
  ItemStatus,
  ItemType,
  MaterialForm,
  MaterialNecessity,
  MaterialSource,
  OnlineCapability,
  PowerSource,
  ResultKind,
  ServiceObject,
  ServicePointLevel,
  SpecialProcedureType,
  TimeUnit,
} from './schemas/enums';
export {
  BasicCodeSchema,
  ContactChannelSchema,
  DivisionCodeSchema,
  FeeSchema,
  HandlingItemCodeSchema,
  ImplementationCodeSchema,
  ImplementationItemSchema,
  ImplementingBodySchema,
  isImplementationItem,
  ItemResultSchema,
  LegalBasisSchema,
  MaterialSchema,
  OnlineServiceSchema,
  ProcessStepSchema,
  RegionCodeSchema,
  RemedySchema,
  ServicePointSchema,
  SpecialProcedureSchema,
  TimeLimitSchema,
  UsccSchema,
} from './schemas/implementation-item';
export type {
  ContactChannel,
  Fee,
  ImplementationItem,
  ImplementationItemInput,
  ImplementingBody,
  ItemResult,
  LegalBasis,
  Material,
  OnlineService,
  ProcessStep,
  Remedy,
  ServicePoint,
  SpecialProcedure,
  TimeLimit,
} from './schemas/implementation-item';
export { BasicItemSchema, isBasicItem } from './schemas/basic-item';
export type { BasicItem, BasicItemInput } from './schemas/basic-item';
export { isParallelApprovalGroup, ParallelApprovalGroupSchema } from './schemas/parallel-approval-group';
export type { ParallelApprovalGroup, ParallelApprovalGroupInput } from './schemas/parallel-approval-group';
export { CatalogDocumentSchema } from './schemas/catalog-document';
export type { CatalogDocument, CatalogDocumentInput } from './schemas/catalog-document';

export {
  createVendorCommonProfile,
  DEFAULT_PROFILE,
  GB39046_2020_PROFILE,
  GB39554_OBSERVED_PROFILE,
  getProfile,
  NATIONAL_EVALUATION_PROFILE,
  registerProfile,
} from './profiles/profile';
export type { Profile, ProfileCodeSet, RuleSeverity, VendorCommonProfileOptions } from './profiles/profile';
export { PROFILE_CODES_EXTENSION, toModelCodes, toProfileCodes } from './profiles/profile-codes';

export { CATALOG_RULES, validateCatalog } from './validate-catalog';
export type { CatalogRuleCode, CatalogValidationReport, ValidateCatalogOptions } from './validate-catalog';

export { Catalog } from './catalog';
export type {
  CatalogDiff,
  CatalogOptions,
  CatalogQuery,
  CatalogSource,
  CatalogStatistics,
  CatalogStatisticsRow,
  DirectoryCheckReport,
  FieldChange,
  ReadinessReport,
  ShareCount,
} from './catalog';

export { formatCatalogCsv, parseCatalogCsv } from './csv';
export type { FormatCatalogCsvOptions, ParsedCatalogCsv } from './csv';
export {
  diagnoseImplementationItem,
  parseImplementationItem,
  safeParseImplementationItem,
} from './parse-implementation-item';
export type {
  ParseImplementationItemOptions,
  SafeParseImplementationItemResult,
} from './parse-implementation-item';
export { CPSV_AP_CONTEXT, toCpsvAp } from './to-cpsv-ap';
export type { JsonLdNode } from './to-cpsv-ap';
