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
import { paginate, parseInput, type ReadOptions, type ResourceContext, segment, type WriteOptions } from './shared';

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
    async submit(input, options = {}) {
      const body = parseInput(PreAcceptanceInputSchema, input, 'preAcceptances.submit');
      const { data } = await context.transport.send({
        name: 'preAcceptances.submit',
        method: 'POST',
        path: 'pre-acceptances',
        body: JSON.stringify(body),
        schema: PreAcceptanceSchema,
        idempotencyKey: options.idempotencyKey ?? context.generateId(),
        issue: body.caseNo,
        signal: options.signal,
      });
      return data;
    },
    async get(id, options = {}) {
      const { data } = await context.transport.send({
        name: 'preAcceptances.get',
        method: 'GET',
        path: `pre-acceptances/${segment(id, 'id', 'preAcceptances.get')}`,
        schema: PreAcceptanceSchema,
        signal: options.signal,
      });
      return data;
    },
    async decide(id, decision, options = {}) {
      const body = parseInput(PreAcceptanceDecisionInputSchema, decision, 'preAcceptances.decide');
      const { data } = await context.transport.send({
        name: 'preAcceptances.decide',
        method: 'POST',
        path: `pre-acceptances/${segment(id, 'id', 'preAcceptances.decide')}/decision`,
        body: JSON.stringify(body),
        schema: PreAcceptanceSchema,
        idempotencyKey: options.idempotencyKey ?? context.generateId(),
        signal: options.signal,
      });
      return data;
    },
  };
}

export function createAppointmentsResource(context: ResourceContext): AppointmentsResource {
  return {
    async slots(query, options) {
      return paginate(
        context,
        'appointments.slots',
        'appointments/slots',
        () => ({ ...parseInput(AppointmentSlotQuerySchema, query, 'appointments.slots') }),
        AppointmentSlotSchema,
        options,
      ).toArray();
    },
    async book(input, options = {}) {
      const body = parseInput(AppointmentInputSchema, input, 'appointments.book');
      const { data } = await context.transport.send({
        name: 'appointments.book',
        method: 'POST',
        path: 'appointments',
        body: JSON.stringify(body),
        schema: AppointmentSchema,
        idempotencyKey: options.idempotencyKey ?? context.generateId(),
        signal: options.signal,
      });
      return data;
    },
    async get(id, options = {}) {
      const { data } = await context.transport.send({
        name: 'appointments.get',
        method: 'GET',
        path: `appointments/${segment(id, 'id', 'appointments.get')}`,
        schema: AppointmentSchema,
        signal: options.signal,
      });
      return data;
    },
    async cancel(id, options = {}) {
      const { data } = await context.transport.send({
        name: 'appointments.cancel',
        method: 'DELETE',
        path: `appointments/${segment(id, 'id', 'appointments.cancel')}`,
        schema: AppointmentSchema,
        idempotencyKey: options.idempotencyKey ?? context.generateId(),
        signal: options.signal,
      });
      return data;
    },
  };
}
