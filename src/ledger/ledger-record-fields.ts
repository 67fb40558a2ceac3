import { POA_VERIFICATION_STATUSES, type PoaVerificationStatus } from '../core/poa-verification-statuses.ts';
import type { PoaLedgerMark, PoaLedgerRecord } from './poa-ledger-record.ts';

/**
 * A record as the stores keep it: flat fields (columns, hash fields, attributes) of integers and
 * one status string, so every store has the same schema and can update each field in one
 * server-side operation. A mark whose `*_seq` is 0 was never applied.
 *
 * @internal
 */
export const LEDGER_RECORD_FIELDS = [
  'seq', 'status', 'round', 'applied_at', 'applied_seq', 'upload_seq', 'upload_at',
  'waiting_at', 'waiting_seq', 'approved_at', 'approved_seq', 'rejected_at', 'rejected_seq', 'questioned_at', 'questioned_seq',
] as const;

/** One flat field's name. @internal */
export type LedgerRecordField = (typeof LEDGER_RECORD_FIELDS)[number];

/** The `*_at` and `*_seq` field names of each status's mark. @internal */
export const MARK_FIELDS: { readonly [S in PoaVerificationStatus]: readonly [`${Lowercase<S>}_at`, `${Lowercase<S>}_seq`] } = {
  WAITING: ['waiting_at', 'waiting_seq'],
  APPROVED: ['approved_at', 'approved_seq'],
  REJECTED: ['rejected_at', 'rejected_seq'],
  QUESTIONED: ['questioned_at', 'questioned_seq'],
};

/** Why a store's answer cannot be read as a record; the ledger answers 503 `LEDGER_UNAVAILABLE`. @internal */
export class LedgerStoreAnswerError extends Error {
  override readonly name = 'LedgerStoreAnswerError';
}

function integer(fields: Readonly<Record<string, unknown>>, name: LedgerRecordField): number {
  const raw = fields[name];
  // Drivers give integers as numbers, bigints (pg int8 with a parser) or decimal strings (Redis, pg).
  const value = typeof raw === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(raw) ? Number(raw) : typeof raw === 'bigint' ? Number(raw) : raw;
  if (raw === undefined || raw === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new LedgerStoreAnswerError(`The ledger store answered a ${name} that is not a non-negative integer.`);
  }
  return value;
}

/**
 * Reads a record from a store's flat fields; a missing or null integer is 0, a missing or null
 * status is none. Throws {@link LedgerStoreAnswerError} for anything else that is not a record
 * (garbage in the store must never become a decision).
 *
 * @internal
 */
export function ledgerRecordFromFields(fields: Readonly<Record<string, unknown>>): PoaLedgerRecord | undefined {
  const seq = integer(fields, 'seq');
  const rawStatus = fields['status'];
  const status = rawStatus === undefined || rawStatus === null || rawStatus === '' ? undefined : rawStatus;
  if (status !== undefined && !(POA_VERIFICATION_STATUSES as readonly unknown[]).includes(status)) {
    throw new LedgerStoreAnswerError('The ledger store answered a status that is not a POA verification status.');
  }
  const lastApplied: { [S in PoaVerificationStatus]?: PoaLedgerMark } = {};
  for (const name of POA_VERIFICATION_STATUSES) {
    const [atField, seqField] = MARK_FIELDS[name];
    const markSeq = integer(fields, seqField);
    if (markSeq !== 0) lastApplied[name] = { at: integer(fields, atField), seq: markSeq };
  }
  const record: PoaLedgerRecord = {
    seq,
    status: status as PoaVerificationStatus | undefined,
    round: integer(fields, 'round'),
    appliedAt: integer(fields, 'applied_at'),
    appliedSeq: integer(fields, 'applied_seq'),
    lastApplied,
    uploadSeq: integer(fields, 'upload_seq'),
    uploadAt: integer(fields, 'upload_at'),
  };
  const marks = Object.values(lastApplied);
  if (
    record.appliedSeq > seq ||
    record.uploadSeq > seq ||
    marks.some((mark) => mark.seq > seq) ||
    (status === undefined) !== (record.appliedSeq === 0) ||
    (status !== undefined && lastApplied[status as PoaVerificationStatus]?.seq !== record.appliedSeq)
  ) {
    throw new LedgerStoreAnswerError('The ledger store answered a record whose order numbers do not agree.');
  }
  return seq === 0 ? undefined : record;
}
