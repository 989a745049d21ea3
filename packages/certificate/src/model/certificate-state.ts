import { z } from 'zod';
import { CertificateError } from '../errors';

/**
 * 证照状态: the lifecycle state of a certificate. Wire codes and Chinese labels are in {@link CERTIFICATE_STATES};
 * the Chinese label is the source of truth (吊销 = revocation as a penalty, 撤销 = rescission of a wrongly granted
 * licence).
 */
export type CertificateState =
  | 'VALID'
  | 'SUSPENDED'
  | 'RESCINDED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'TRANSFERRED_OUT'
  | 'REVOKED'
  | 'OTHER';

/** Wire code and Chinese label of one {@link CertificateState}. */
export interface CertificateStateInfo {
  /** Two-digit status code on the wire (MOHURD profile): `01`…`07`, `99`. */
  code: string;
  /** Chinese label, e.g. `有效`. */
  label: string;
  /** Whether no transition leaves this state. */
  terminal: boolean;
}

/**
 * Every certificate state with its wire code, Chinese label and whether it is final.
 *
 * @example
 * ```ts
 * CERTIFICATE_STATES.SUSPENDED; // { code: '02', label: '暂扣', terminal: false }
 * ```
 */
export const CERTIFICATE_STATES: Readonly<Record<CertificateState, CertificateStateInfo>> = Object.freeze({
  VALID: { code: '01', label: '有效', terminal: false },
  SUSPENDED: { code: '02', label: '暂扣', terminal: false },
  RESCINDED: { code: '03', label: '撤销', terminal: true },
  CANCELLED: { code: '04', label: '注销', terminal: true },
  EXPIRED: { code: '05', label: '失效', terminal: true },
  TRANSFERRED_OUT: { code: '06', label: '转出', terminal: false },
  REVOKED: { code: '07', label: '吊销', terminal: true },
  OTHER: { code: '99', label: '其他', terminal: false },
});

/**
 * Allowed state transitions. Operation types in brackets (certificate.md §3): 有效 → 暂扣 [03], 失效 [04], 注销/撤销/
 * 吊销/转出 [05]; 暂扣 → 有效 [06 暂扣发还] or a final state; 转出 → 有效 [10 取消转出]. 撤销, 注销, 失效 and 吊销 are
 * final: a renewal (延续) or change (变更) issues a new record that points back via `previousIdentifier`.
 *
 * @example
 * ```ts
 * CERTIFICATE_STATE_TRANSITIONS.SUSPENDED.includes('VALID'); // true (暂扣发还)
 * ```
 */
export const CERTIFICATE_STATE_TRANSITIONS: Readonly<Record<CertificateState, readonly CertificateState[]>> =
  Object.freeze({
    VALID: ['SUSPENDED', 'RESCINDED', 'CANCELLED', 'EXPIRED', 'TRANSFERRED_OUT', 'REVOKED', 'OTHER'],
    SUSPENDED: ['VALID', 'RESCINDED', 'CANCELLED', 'EXPIRED', 'REVOKED', 'OTHER'],
    RESCINDED: [],
    CANCELLED: [],
    EXPIRED: [],
    TRANSFERRED_OUT: ['VALID', 'CANCELLED', 'OTHER'],
    REVOKED: [],
    OTHER: ['VALID', 'SUSPENDED', 'RESCINDED', 'CANCELLED', 'EXPIRED', 'TRANSFERRED_OUT', 'REVOKED'],
  });

/**
 * Zod schema of {@link CertificateState}.
 *
 * @example
 * ```ts
 * CertificateStateSchema.options; // ['VALID', 'SUSPENDED', …]
 * ```
 */
export const CertificateStateSchema = z.enum([
  'VALID',
  'SUSPENDED',
  'RESCINDED',
  'CANCELLED',
  'EXPIRED',
  'TRANSFERRED_OUT',
  'REVOKED',
  'OTHER',
]);

/**
 * Zod schema of one entry of a record's status history.
 *
 * @example
 * ```ts
 * CertificateStatusChangeSchema.parse({ from: 'VALID', to: 'SUSPENDED', at: '2025-07-01T02:00:00Z', reason: '暂扣' });
 * ```
 */
export const CertificateStatusChangeSchema = z.object({
  from: CertificateStateSchema,
  to: CertificateStateSchema,
  /** ISO 8601 date-time of the change. */
  at: z.iso.datetime({ offset: true }),
  /** 原因 / 文书号, e.g. the decision number of a 吊销. */
  reason: z.string().min(1).max(500),
  /** Who made the change (staff or system id; no personal ID numbers). */
  operator: z.string().max(100).optional(),
});

/** One entry of a record's status history (output of {@link CertificateStatusChangeSchema}). */
export type CertificateStatusChange = z.output<typeof CertificateStatusChangeSchema>;

/** Input of {@link addCertificateStatusChange}. */
export interface CertificateStatusChangeInput {
  /** The new state. */
  to: CertificateState;
  /** When the change takes effect. */
  at: Date;
  /** Why (decision number, 事由). */
  reason: string;
  /** Who made the change. */
  operator?: string;
}

/**
 * Change a record's state, appending the change to its history. Returns a new record; the input is not modified.
 *
 * @param record - any object with `state` and an optional `history` (usually a {@link CertificateRecord}).
 * @param change - the target state, time, reason and operator.
 * @returns a copy of `record` with the new `state` and the change appended to `history`.
 * @throws CertificateError `ERR_CERTIFICATE_STATUS_TRANSITION_INVALID` when {@link CERTIFICATE_STATE_TRANSITIONS}
 *   does not allow the change; `ERR_CERTIFICATE_INPUT_INVALID` for an invalid date or an empty reason.
 * @example
 * ```ts
 * const suspended = addCertificateStatusChange(record, { to: 'SUSPENDED', at: new Date(), reason: '衡审批罚〔2025〕12号' });
 * suspended.history.at(-1); // { from: 'VALID', to: 'SUSPENDED', … }
 * ```
 */
export function addCertificateStatusChange<T extends { state: CertificateState; history?: CertificateStatusChange[] }>(
  record: T,
  change: CertificateStatusChangeInput,
): T & { history: CertificateStatusChange[] } {
  const from = record.state;
  const { to } = change;
  if (!(to in CERTIFICATE_STATES)) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `Unknown certificate state ${JSON.stringify(String(to))}; use one of ${Object.keys(CERTIFICATE_STATES).join(', ')}`,
    );
  }
  if (!(change.at instanceof Date) || Number.isNaN(change.at.getTime())) {
    throw new CertificateError('ERR_CERTIFICATE_INPUT_INVALID', 'Status change time must be a valid Date');
  }
  if (typeof change.reason !== 'string' || change.reason.trim() === '') {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      'Status change needs a reason (原因 or decision number)',
    );
  }
  if (!CERTIFICATE_STATE_TRANSITIONS[from].includes(to)) {
    const fromInfo = CERTIFICATE_STATES[from];
    const toInfo = CERTIFICATE_STATES[to];
    const allowed = CERTIFICATE_STATE_TRANSITIONS[from];
    throw new CertificateError(
      'ERR_CERTIFICATE_STATUS_TRANSITION_INVALID',
      `A certificate cannot go from ${fromInfo.label} (${from}) to ${toInfo.label} (${to}); ${
        allowed.length === 0
          ? `${fromInfo.label} is final: issue a new certificate that points back with previousIdentifier`
          : `allowed: ${allowed.join(', ')}`
      }`,
    );
  }
  const entry: CertificateStatusChange = { from, to, at: change.at.toISOString(), reason: change.reason };
  if (change.operator !== undefined) entry.operator = change.operator;
  return { ...record, state: to, history: [...(record.history ?? []), entry] };
}
