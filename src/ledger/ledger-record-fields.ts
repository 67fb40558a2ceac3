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

/** The integer fields, in LEDGER_RECORD_FIELDS order without `status`. @internal */
export const LEDGER_NUMBER_FIELDS = LEDGER_RECORD_FIELDS.filter((f): f is Exclude<LedgerRecordField, 'status'> => f !== 'status');

/**
 * Reads a record from a store's flat fields; a missing or null integer is 0, a missing or null
 * status is none. Throws {@link LedgerStoreAnswerError} for anything else that is not a record
 * (garbage in the store must never become a decision).
 *
 * @internal
 */
export function ledgerRecordFromFields(fields: Readonly<Record<string, unknown>>): PoaLedgerRecord | undefined {
  return ledgerRecordFromNumbers(fields['status'], LEDGER_NUMBER_FIELDS.map((name) => integer(fields, name)));
}

/**
 * Builds a record from its status (a missing, null or empty one is none) and its integers, already
 * read as non-negative safe integers in {@link LEDGER_NUMBER_FIELDS} order, and checks that they
 * agree. Throws {@link LedgerStoreAnswerError} when they are not a record.
 *
 * @internal
 */
export function ledgerRecordFromNumbers(rawStatus: unknown, numbers: readonly number[]): PoaLedgerRecord | undefined {
  const [seq = 0, round = 0, appliedAt = 0, appliedSeq = 0, uploadSeq = 0, uploadAt = 0] = numbers;
  const status = rawStatus === undefined || rawStatus === null || rawStatus === '' ? undefined : rawStatus;
  if (status !== undefined && !(POA_VERIFICATION_STATUSES as readonly unknown[]).includes(status)) {
    throw new LedgerStoreAnswerError('The ledger store answered a status that is not a POA verification status.');
  }
  const lastApplied: { [S in PoaVerificationStatus]?: PoaLedgerMark } = {};
  let marksAgree = true;
  POA_VERIFICATION_STATUSES.forEach((name, k) => {
    // Each status's at and seq follow the six numbers above, in POA_VERIFICATION_STATUSES order.
    const markSeq = numbers[7 + 2 * k] ?? 0;
    if (markSeq > seq) marksAgree = false;
    if (markSeq !== 0) lastApplied[name] = { at: numbers[6 + 2 * k] ?? 0, seq: markSeq };
  });
  const record: PoaLedgerRecord = { seq, status: status as PoaVerificationStatus | undefined, round, appliedAt, appliedSeq, lastApplied, uploadSeq, uploadAt };
  if (
    !marksAgree ||
    appliedSeq > seq ||
    uploadSeq > seq ||
    (status === undefined) !== (appliedSeq === 0) ||
    (status !== undefined && lastApplied[status as PoaVerificationStatus]?.seq !== appliedSeq)
  ) {
    throw new LedgerStoreAnswerError('The ledger store answered a record whose order numbers do not agree.');
  }
  return seq === 0 ? undefined : record;
}

/** Digits as a store writes a non-negative integer (no sign, no leading zero, at most 16 digits). @internal */
export const DIGITS = '(?:0|[1-9][0-9]{0,15})';

/**
 * The integers of a text a store answered, each already matched against {@link DIGITS}; throws
 * {@link LedgerStoreAnswerError} for one beyond the safe integers.
 *
 * @internal
 */
export function safeIntegers(texts: readonly string[]): number[] {
  return texts.map((text) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new LedgerStoreAnswerError('The ledger store answered an integer beyond the safe integers.');
    return value;
  });
}
