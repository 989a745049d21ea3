import {
  AppointmentInputSchema,
  type AppointmentSlot,
  AppointmentSlotQuerySchema,
  PreAcceptanceDecisionInputSchema,
  PreAcceptanceInputSchema,
} from '@zwfw/exchange-client';
import { formatChinaTime } from '../clock';
import { ApiError } from '../http';
import type { SimulatorHall } from '../../types';
import { type RouteContext, ok, parseInput, queryObject } from './context';

/** Default slot start times: 09:00–11:30 and 14:00–17:00, every 30 minutes. */
export const DEFAULT_SLOT_TIMES = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
  '17:00',
];

function plus30(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const total = hours * 60 + minutes + 30;
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function slotId(hallId: string, itemCode: string, date: string, start: string): string {
  return Buffer.from(JSON.stringify([hallId, itemCode, date, start])).toString('base64url');
}

function parseSlotId(id: string): [string, string, string, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 4 && value.every((part) => typeof part === 'string')) {
      return value as [string, string, string, string];
    }
  } catch {}
  return undefined;
}

/** 预受理 (pre-acceptance) and 预约 (appointments with slot capacity). */
export function registerServiceRoutes(context: RouteContext): void {
  const { router, state } = context;

  const requireItem = (itemCode: string) => {
    if (!state.items.has(itemCode)) {
      throw new ApiError(
        'ITEM_NOT_FOUND',
        `itemCode ${itemCode} is not an item of this platform; use one from GET /items`,
      );
    }
  };
  const requireHall = (hallId: string): SimulatorHall => {
    const hall = state.halls.get(hallId);
    if (hall === undefined) {
      throw new ApiError('NOT_FOUND', `hall ${hallId} is not known; seed halls with POST /__sim/seed { halls }`);
    }
    return hall;
  };
  const slotsOf = (hall: SimulatorHall, itemCode: string, date: string): AppointmentSlot[] =>
    (hall.slotTimes ?? DEFAULT_SLOT_TIMES).map((start) => {
      const id = slotId(hall.hallId, itemCode, date, start);
      return {
        slotId: id,
        itemCode,
        hallId: hall.hallId,
        date,
        start,
        end: plus30(start),
        capacity: hall.capacity ?? context.slotCapacity,
        booked: state.slotBookings.get(id) ?? 0,
      };
    });

  router.add({
    method: 'POST',
    path: '/api/v1/pre-acceptances',
    authenticated: true,
    handler: ({ body }) => {
      const input = parseInput(PreAcceptanceInputSchema, body, 'the pre-acceptance');
      requireItem(input.itemCode);
      const id = state.nextId('PA');
      const record = { ...input, id, status: 'pending' as const, createdAt: formatChinaTime(context.now()) };
      state.preAcceptances.set(id, record);
      return ok(record, 201);
    },
  });
  const findPreAcceptance = (id: string | undefined) => {
    const record = id === undefined ? undefined : state.preAcceptances.get(id);
    if (record === undefined) {
      throw new ApiError(
        'PRE_ACCEPTANCE_NOT_FOUND',
        `pre-acceptance ${id} is not known; create it with POST /pre-acceptances`,
      );
    }
    return record;
  };
  router.add({
    method: 'GET',
    path: '/api/v1/pre-acceptances/{id}',
    authenticated: true,
    handler: ({ params }) => ok(findPreAcceptance(params.id)),
  });
  router.add({
    method: 'POST',
    path: '/api/v1/pre-acceptances/{id}/decision',
    authenticated: true,
    handler: ({ params, body }) => {
      const record = findPreAcceptance(params.id);
      const input = parseInput(PreAcceptanceDecisionInputSchema, body, 'the pre-acceptance decision');
      if (record.status !== 'pending') {
        throw new ApiError(
          'ALREADY_DECIDED',
          `pre-acceptance ${record.id} was already ${record.status}; a decision is final`,
          {
            status: record.status,
          },
        );
      }
      record.status = input.decision;
      record.decision = input;
      return ok(record);
    },
  });

  router.add({
    method: 'GET',
    path: '/api/v1/appointments/slots',
    authenticated: true,
    handler: ({ query }) => {
      const input = parseInput(AppointmentSlotQuerySchema, queryObject(query), 'the slot query');
      requireItem(input.itemCode);
      return ok({ items: slotsOf(requireHall(input.hallId), input.itemCode, input.date), nextCursor: null });
    },
  });
  router.add({
    method: 'POST',
    path: '/api/v1/appointments',
    authenticated: true,
    handler: ({ body }) => {
      const input = parseInput(AppointmentInputSchema, body, 'the appointment');
      const parts = parseSlotId(input.slotId);
      if (parts === undefined) {
        throw new ApiError(
          'INVALID_REQUEST',
          'slotId is not a slot of this platform; take one from GET /appointments/slots',
          {
            issues: [{ path: 'slotId', message: 'unknown slot' }],
          },
        );
      }
      const [hallId, itemCode, date, start] = parts;
      if (itemCode !== input.itemCode) {
        throw new ApiError(
          'INVALID_REQUEST',
          `slotId belongs to item ${itemCode}, not ${input.itemCode}; book a slot of the same item`,
          {
            issues: [{ path: 'itemCode', message: 'does not match the slot' }],
          },
        );
      }
      requireItem(itemCode);
      const slot = slotsOf(requireHall(hallId), itemCode, date).find((candidate) => candidate.start === start);
      if (slot === undefined) {
        throw new ApiError(
          'INVALID_REQUEST',
          'slotId names a time the hall does not offer; take one from GET /appointments/slots',
        );
      }
      if (slot.booked >= slot.capacity) {
        throw new ApiError(
          'SLOT_FULL',
          `the slot ${date} ${start} at hall ${hallId} is fully booked (${slot.capacity}); choose another slot`,
          {
            capacity: slot.capacity,
          },
        );
      }
      state.slotBookings.set(slot.slotId, slot.booked + 1);
      const id = state.nextId('AP');
      const record = {
        ...input,
        id,
        hallId,
        date,
        start,
        end: slot.end,
        status: 'booked' as const,
        bookedAt: formatChinaTime(context.now()),
      };
      state.appointments.set(id, record);
      return ok(record, 201);
    },
  });
  const findAppointment = (id: string | undefined) => {
    const record = id === undefined ? undefined : state.appointments.get(id);
    if (record === undefined) {
      throw new ApiError('APPOINTMENT_NOT_FOUND', `appointment ${id} is not known; book one with POST /appointments`);
    }
    return record;
  };
  router.add({
    method: 'GET',
    path: '/api/v1/appointments/{id}',
    authenticated: true,
    handler: ({ params }) => ok(findAppointment(params.id)),
  });
  router.add({
    method: 'DELETE',
    path: '/api/v1/appointments/{id}',
    authenticated: true,
    handler: ({ params }) => {
      const record = findAppointment(params.id);
      if (record.status === 'booked') {
        record.status = 'cancelled';
        const id = slotId(record.hallId, record.itemCode, record.date, record.start);
        state.slotBookings.set(id, Math.max(0, (state.slotBookings.get(id) ?? 1) - 1));
      }
      return ok(record);
    },
  });
}
