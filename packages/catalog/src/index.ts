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

export { DIVISION_DATA_VERSION, findDivision, findFunctionalZone, listDivisions } from './divisions/divisions';
export type { Division, DivisionLevel, ListDivisionsOptions } from './divisions/divisions';
export { HENGYANG_FUNCTIONAL_ZONES } from './divisions/functional-zones';
export type { FunctionalZone } from './divisions/functional-zones';
