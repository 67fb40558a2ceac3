import { DIGITS, LEDGER_NUMBER_FIELDS, LedgerStoreAnswerError, MARK_FIELDS, ledgerRecordFromNumbers, safeIntegers } from '../ledger-record-fields.ts';
import type { PoaLedgerRecord } from '../poa-ledger-record.ts';
import type { PoaVerificationStatus } from '../../core/poa-verification-statuses.ts';

/**
 * The PostgreSQL store's statements for one table, built once. A user's row keeps the status, the
 * lease, and every number of the record in one `bigint[]` column, `fields` (in the order of
 * {@link POSTGRES_FIELDS}): one column to write and to return instead of fourteen makes the claim
 * about as cheap as a bare upsert. Every value is a parameter; the table name is checked before it
 * is quoted in.
 *
 * @internal
 */
export interface PostgresLedgerSql {
  readonly create: string;
  readonly claim: string;
  readonly lock: string;
  readonly renew: string;
  readonly commit: Readonly<Record<PoaVerificationStatus, string>>;
  readonly commitLocked: Readonly<Record<PoaVerificationStatus, string>>;
  readonly release: string;
  readonly upload: string;
  readonly get: string;
}

/** The record's numbers, in the order of the `fields` array (1-based in SQL). @internal */
export const POSTGRES_FIELDS = LEDGER_NUMBER_FIELDS;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
type Field = (typeof POSTGRES_FIELDS)[number];
/** A number of a row's `fields` (`l.fields[…]` in an upsert's update). */
const at = (name: Field, row = 'fields'): string => `${row}[${POSTGRES_FIELDS.indexOf(name) + 1}]`;
/** A `fields` array: the numbers changed, the others kept from `keep` (a right-hand side reads the row before the update). */
const fieldsWith = (changes: Readonly<Partial<Record<Field, string>>>, keep: (name: Field) => string = at): string =>
  `ARRAY[${POSTGRES_FIELDS.map((f) => changes[f] ?? keep(f)).join(', ')}]`;

/** @internal */
export function postgresLedgerSql(tableName: string): PostgresLedgerSql {
  if (typeof tableName !== 'string' || !IDENTIFIER.test(tableName)) {
    throw new TypeError('p100-webhooks/ledger/postgres: `tableName` must be an SQL identifier (letters, digits, `_`; at most 63).');
  }
  const t = `"${tableName}"`;
  const returning = 'RETURNING status, fields::text AS fields';
  // The user, then the lease token (when there is one), the status, the round, the time and the
  // claimed record's seq. An upload recorded since the claim is ordered after the change.
  const commitFor = (locked: boolean) => {
    const [status, round, time, claimed] = (locked ? [2, 3, 4, 5] : [3, 4, 5, 6]).map((n) => `$${n}`) as [string, string, string, string];
    const where = locked ? '' : ' AND lease_token = $2';
    const uploaded = `${at('upload_seq')} > ${claimed}::bigint`;
    const next = `${at('seq')} + 1`;
    return Object.fromEntries(
      Object.entries(MARK_FIELDS).map(([name, [markAt, markSeq]]) => [
        name,
        `UPDATE ${t} SET status = ${status}, lease_token = NULL, lease_until = 0, fields = ${fieldsWith({
          seq: `${at('seq')} + CASE WHEN ${uploaded} THEN 2 ELSE 1 END`,
          round: `${round}::bigint`,
          applied_at: `${time}::bigint`,
          applied_seq: next,
          upload_seq: `CASE WHEN ${uploaded} THEN ${at('seq')} + 2 ELSE ${at('upload_seq')} END`,
          [markAt]: `${time}::bigint`,
          [markSeq]: next,
        })} WHERE external_user_id = $1${where} RETURNING 1 AS ok`,
      ]),
    ) as Record<PoaVerificationStatus, string>;
  };
  const zeros = `'{${POSTGRES_FIELDS.map(() => 0).join(',')}}'`;
  return {
    create: `CREATE TABLE IF NOT EXISTS ${t} (\n  external_user_id text PRIMARY KEY,\n  status text,\n  fields bigint[] NOT NULL DEFAULT ${zeros},\n  lease_token text,\n  lease_until bigint NOT NULL DEFAULT 0\n)`,
    // Takes the lease when it is free, creating the user's row if needed, and returns the record;
    // no row back means another delivery holds the lease.
    claim:
      `INSERT INTO ${t} AS l (external_user_id, lease_token, lease_until) VALUES ($1, $2, $4) ` +
      `ON CONFLICT (external_user_id) DO UPDATE SET lease_token = EXCLUDED.lease_token, lease_until = EXCLUDED.lease_until ` +
      `WHERE l.lease_token IS NULL OR l.lease_until <= $3 ${returning}`,
    // Transactional mode: the row lock is the lease (held until COMMIT or ROLLBACK).
    lock:
      `INSERT INTO ${t} AS l (external_user_id) VALUES ($1) ` +
      `ON CONFLICT (external_user_id) DO UPDATE SET external_user_id = EXCLUDED.external_user_id ${returning}`,
    renew: `UPDATE ${t} SET lease_until = $3 WHERE external_user_id = $1 AND lease_token = $2 RETURNING 1 AS ok`,
    commit: commitFor(false),
    commitLocked: commitFor(true),
    release: `UPDATE ${t} SET lease_token = NULL, lease_until = 0 WHERE external_user_id = $1 AND lease_token = $2`,
    upload:
      `INSERT INTO ${t} AS l (external_user_id, fields) VALUES ($1, ${fieldsWith({ seq: '1', upload_seq: '1', upload_at: '$2::bigint' }, () => '0')}) ` +
      `ON CONFLICT (external_user_id) DO UPDATE SET fields = ${fieldsWith({ seq: `${at('seq', 'l.fields')} + 1`, upload_seq: `${at('seq', 'l.fields')} + 1`, upload_at: '$2::bigint' }, (f) => at(f, 'l.fields'))}`,
    get: `SELECT status, fields::text AS fields FROM ${t} WHERE external_user_id = $1`,
  };
}

const ARRAY_TEXT = new RegExp(`^\\{${DIGITS}(?:,${DIGITS}){${POSTGRES_FIELDS.length - 1}}\\}$`);

/**
 * Reads a returned row (`status`, `fields` as text) as a record; throws {@link LedgerStoreAnswerError}
 * for anything that is not one.
 *
 * @internal
 */
export function postgresRecordOf(row: unknown): PoaLedgerRecord | undefined {
  if (typeof row !== 'object' || row === null) throw new LedgerStoreAnswerError('The PostgreSQL client answered a row that is not an object.');
  const { status, fields } = row as { status?: unknown; fields?: unknown };
  if (typeof fields !== 'string' || !ARRAY_TEXT.test(fields)) {
    throw new LedgerStoreAnswerError(`The PostgreSQL client answered a row whose fields are not an array of ${POSTGRES_FIELDS.length} non-negative integers.`);
  }
  return ledgerRecordFromNumbers(status, safeIntegers(fields.slice(1, -1).split(',')));
}
