import { z } from 'zod';
import { CaseMaterialSchema } from './cases';
import { CaseNoSchema, DepartmentSchema, PartySchema, RegionCodeSchema, TimestampSchema } from './common';

/** Body of `POST /pre-acceptances` (网上预受理). */
export const PreAcceptanceInputSchema = z.object({
  caseNo: CaseNoSchema,
  itemCode: z.string().min(1).max(64),
  regionCode: RegionCodeSchema,
  applicant: PartySchema,
  acceptDepartment: DepartmentSchema,
  materials: z.array(CaseMaterialSchema).max(200).default([]),
  submittedAt: TimestampSchema,
});
/** See {@link PreAcceptanceInputSchema}. */
export type PreAcceptanceInput = z.output<typeof PreAcceptanceInputSchema>;

/** Body of `POST /pre-acceptances/{id}/decision`. */
export const PreAcceptanceDecisionInputSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  opinion: z.string().max(2000).optional(),
  decidedAt: TimestampSchema,
});
/** See {@link PreAcceptanceDecisionInputSchema}. */
export type PreAcceptanceDecisionInput = z.output<typeof PreAcceptanceDecisionInputSchema>;

/** A pre-acceptance as the platform holds it. */
export const PreAcceptanceSchema = PreAcceptanceInputSchema.extend({
  id: z.string().min(1),
  status: z.enum(['pending', 'approved', 'rejected']),
  decision: PreAcceptanceDecisionInputSchema.optional(),
  createdAt: TimestampSchema,
});
/** See {@link PreAcceptanceSchema}. */
export type PreAcceptance = z.output<typeof PreAcceptanceSchema>;

/** Query of `GET /appointments/slots`. `date` is a calendar date (`2026-05-01`). */
export const AppointmentSlotQuerySchema = z.object({
  itemCode: z.string().min(1).max(64),
  hallId: z.string().min(1).max(64),
  date: z.iso.date(),
});
/** See {@link AppointmentSlotQuerySchema}. */
export type AppointmentSlotQuery = z.output<typeof AppointmentSlotQuerySchema>;

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A bookable appointment slot (预约时段). */
export const AppointmentSlotSchema = z.object({
  slotId: z.string().min(1),
  itemCode: z.string().min(1),
  hallId: z.string().min(1),
  date: z.iso.date(),
  start: z.string().regex(TIME_OF_DAY, 'expected HH:mm'),
  end: z.string().regex(TIME_OF_DAY, 'expected HH:mm'),
  capacity: z.number().int().min(0),
  booked: z.number().int().min(0),
});
/** See {@link AppointmentSlotSchema}. */
export type AppointmentSlot = z.output<typeof AppointmentSlotSchema>;

/** Body of `POST /appointments`. */
export const AppointmentInputSchema = z.object({
  slotId: z.string().min(1),
  itemCode: z.string().min(1).max(64),
  applicant: PartySchema,
});
/** See {@link AppointmentInputSchema}. */
export type AppointmentInput = z.output<typeof AppointmentInputSchema>;

/** A booking (`POST /appointments`, `GET` and `DELETE /appointments/{id}`). */
export const AppointmentSchema = AppointmentInputSchema.extend({
  id: z.string().min(1),
  hallId: z.string().min(1),
  date: z.iso.date(),
  start: z.string().regex(TIME_OF_DAY),
  end: z.string().regex(TIME_OF_DAY),
  status: z.enum(['booked', 'cancelled']),
  bookedAt: TimestampSchema,
});
/** See {@link AppointmentSchema}. */
export type Appointment = z.output<typeof AppointmentSchema>;
