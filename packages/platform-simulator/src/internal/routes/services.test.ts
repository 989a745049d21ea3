import { describe, expect, it } from 'vitest';
import { ITEM_CODE, useSimulator } from '../../../test/helpers';

const { holder, call } = useSimulator({ slotCapacity: 1 });
const applicant = { type: 'person', name: '李四', idType: '111', idNumber: '430405199202022345' };
const department = { code: '11430400MB1D03622L', name: '衡阳市行政审批服务局' };

describe('pre-acceptances', () => {
  it('creates, reads and decides once', async () => {
    const created = await call('POST', '/api/v1/pre-acceptances', {
      body: {
        caseNo: 'C-PRE',
        itemCode: ITEM_CODE,
        regionCode: '430400000000',
        applicant,
        acceptDepartment: department,
        submittedAt: '2026-05-01T09:00:00+08:00',
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ status: 'pending', caseNo: 'C-PRE' });
    const id = created.json.data.id;
    expect((await call('GET', `/api/v1/pre-acceptances/${id}`)).json.data.id).toBe(id);
    const decision = { decision: 'approved', decidedAt: '2026-05-01T10:00:00+08:00' };
    const decided = await call('POST', `/api/v1/pre-acceptances/${id}/decision`, { body: decision });
    expect(decided.json.data).toMatchObject({ status: 'approved', decision });
    const again = await call('POST', `/api/v1/pre-acceptances/${id}/decision`, {
      body: { ...decision, decision: 'rejected' },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ALREADY_DECIDED');
    const missing = await call('GET', '/api/v1/pre-acceptances/PA999');
    expect(missing.json.code).toBe('PRE_ACCEPTANCE_NOT_FOUND');
  });
});

describe('appointments', () => {
  async function firstSlot() {
    const slots = await call(
      'GET',
      `/api/v1/appointments/slots?itemCode=${ITEM_CODE}&hallId=HY-HALL-01&date=2026-06-01`,
    );
    expect(slots.status).toBe(200);
    return slots.json.data.items[0];
  }

  it('lists slots, books until the capacity is used, then answers 409 SLOT_FULL; cancelling frees it', async () => {
    const slot = await firstSlot();
    expect(slot).toMatchObject({ start: '09:00', end: '09:30', capacity: 1, booked: 0, hallId: 'HY-HALL-01' });
    const booked = await call('POST', '/api/v1/appointments', {
      body: { slotId: slot.slotId, itemCode: ITEM_CODE, applicant },
    });
    expect(booked.status).toBe(201);
    expect(booked.json.data).toMatchObject({ status: 'booked', date: '2026-06-01', start: '09:00' });
    expect((await firstSlot()).booked).toBe(1);
    const full = await call('POST', '/api/v1/appointments', {
      body: { slotId: slot.slotId, itemCode: ITEM_CODE, applicant },
    });
    expect(full.status).toBe(409);
    expect(full.json.code).toBe('SLOT_FULL');
    expect(full.json.message).toContain('fully booked (1)');
    const id = booked.json.data.id;
    expect((await call('GET', `/api/v1/appointments/${id}`)).json.data.status).toBe('booked');
    const cancelled = await call('DELETE', `/api/v1/appointments/${id}`);
    expect(cancelled.json.data.status).toBe('cancelled');
    expect((await firstSlot()).booked).toBe(0);
    expect((await call('DELETE', `/api/v1/appointments/${id}`)).json.data.status).toBe('cancelled');
    expect((await firstSlot()).booked).toBe(0);
  });

  it('rejects unknown slots, mismatched items, unknown halls and appointments', async () => {
    const slot = await firstSlot();
    const forged = await call('POST', '/api/v1/appointments', {
      body: { slotId: 'forged', itemCode: ITEM_CODE, applicant },
    });
    expect(forged.json).toMatchObject({ code: 'INVALID_REQUEST' });
    const mismatch = await call('POST', '/api/v1/appointments', {
      body: { slotId: slot.slotId, itemCode: 'OTHER', applicant },
    });
    expect(mismatch.json.message).toContain('book a slot of the same item');
    const hall = await call('GET', `/api/v1/appointments/slots?itemCode=${ITEM_CODE}&hallId=NOPE&date=2026-06-01`);
    expect(hall.status).toBe(404);
    expect((await call('GET', '/api/v1/appointments/AP404')).json.code).toBe('APPOINTMENT_NOT_FOUND');
    const badDate = await call('GET', `/api/v1/appointments/slots?itemCode=${ITEM_CODE}&hallId=HY-HALL-01&date=June`);
    expect(badDate.status).toBe(400);
  });

  it('uses a hall’s own times and capacity', async () => {
    holder.sim.seed({ halls: [{ hallId: 'H2', name: '县大厅', slotTimes: ['08:30'], capacity: 5 }] });
    const slots = await call('GET', `/api/v1/appointments/slots?itemCode=${ITEM_CODE}&hallId=H2&date=2026-06-01`);
    expect(slots.json.data.items).toEqual([expect.objectContaining({ start: '08:30', end: '09:00', capacity: 5 })]);
  });
});
