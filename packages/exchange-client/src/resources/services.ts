import {
  type Appointment,
  type AppointmentInput,
  AppointmentInputSchema,
  AppointmentSchema,
  type AppointmentSlot,
  type AppointmentSlotQuery,
  AppointmentSlotQuerySchema,
  AppointmentSlotSchema,
  type PreAcceptance,
  type PreAcceptanceDecisionInput,
  PreAcceptanceDecisionInputSchema,
  type PreAcceptanceInput,
  PreAcceptanceInputSchema,
  PreAcceptanceSchema,
} from '../wire/services';
import {
  getData,
  paginate,
  parseInput,
  type ReadOptions,
  type ResourceContext,
  segment,
  sendData,
  type WriteOptions,
} from './shared';

/** 网上预受理. */
export interface PreAcceptancesResource {
  /**
   * Submit a pre-acceptance.
   * @param input - the application.
   * @returns the stored pre-acceptance (`pending`).
   * @throws ExchangeValidationError `ERR_EXCHANGE_REQUEST_INVALID`; ExchangeHttpError on rejection.
   */
  submit(input: PreAcceptanceInput, options?: WriteOptions): Promise<PreAcceptance>;
  /** One pre-acceptance. @throws ExchangeHttpError `ERR_EXCHANGE_NOT_FOUND`. */
  get(id: string, options?: ReadOptions): Promise<PreAcceptance>;
  /**
   * Approve or reject.
   * @throws ExchangeHttpError `ERR_EXCHANGE_BUSINESS_RULE` (`ALREADY_DECIDED`).
   */
  decide(id: string, decision: PreAcceptanceDecisionInput, options?: WriteOptions): Promise<PreAcceptance>;
}

/** 预约. */
export interface AppointmentsResource {
  /**
   * Slots of an item in a hall on a date.
   * @param query - itemCode, hallId, date (`YYYY-MM-DD`).
   * @returns slots with capacity and bookings.
   */
  slots(query: AppointmentSlotQuery, options?: ReadOptions): Promise<AppointmentSlot[]>;
  /**
   * Book a slot.
   * @throws ExchangeHttpError `ERR_EXCHANGE_BUSINESS_RULE` (`SLOT_FULL`).
   */
  book(input: AppointmentInput, options?: WriteOptions): Promise<Appointment>;
  /** One booking. @throws ExchangeHttpError `ERR_EXCHANGE_NOT_FOUND`. */
  get(id: string, options?: ReadOptions): Promise<Appointment>;
  /** Cancel a booking (idempotent). */
  cancel(id: string, options?: WriteOptions): Promise<Appointment>;
}

export function createPreAcceptancesResource(context: ResourceContext): PreAcceptancesResource {
  return {
    async submit(input, options) {
      const body = parseInput(PreAcceptanceInputSchema, input, 'preAcceptances.submit');
      const request = { path: 'pre-acceptances', body, issue: body.caseNo };
      return sendData(context, 'preAcceptances.submit', request, PreAcceptanceSchema, options);
    },
    async get(id, options) {
      const path = `pre-acceptances/${segment(id, 'id', 'preAcceptances.get')}`;
      return getData(context, 'preAcceptances.get', path, PreAcceptanceSchema, options);
    },
    async decide(id, decision, options) {
      const body = parseInput(PreAcceptanceDecisionInputSchema, decision, 'preAcceptances.decide');
      const path = `pre-acceptances/${segment(id, 'id', 'preAcceptances.decide')}/decision`;
      return sendData(context, 'preAcceptances.decide', { path, body }, PreAcceptanceSchema, options);
    },
  };
}

export function createAppointmentsResource(context: ResourceContext): AppointmentsResource {
  return {
    async slots(query, options) {
      const parse = () => ({ ...parseInput(AppointmentSlotQuerySchema, query, 'appointments.slots') });
      return paginate(
        context,
        'appointments.slots',
        'appointments/slots',
        parse,
        AppointmentSlotSchema,
        options,
      ).toArray();
    },
    async book(input, options) {
      const body = parseInput(AppointmentInputSchema, input, 'appointments.book');
      return sendData(context, 'appointments.book', { path: 'appointments', body }, AppointmentSchema, options);
    },
    async get(id, options) {
      const path = `appointments/${segment(id, 'id', 'appointments.get')}`;
      return getData(context, 'appointments.get', path, AppointmentSchema, options);
    },
    async cancel(id, options) {
      const path = `appointments/${segment(id, 'id', 'appointments.cancel')}`;
      return sendData(context, 'appointments.cancel', { method: 'DELETE', path }, AppointmentSchema, options);
    },
  };
}
