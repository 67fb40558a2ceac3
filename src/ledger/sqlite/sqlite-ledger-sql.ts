import { LEDGER_RECORD_FIELDS, MARK_FIELDS } from '../ledger-record-fields.ts';
import type { PoaVerificationStatus } from '../../core/poa-verification-statuses.ts';

/**
 * The SQLite store's statements for one table, built once: one column per field of the record
 * (named parameters `@p1`, `@p2`…). Every value is a parameter; the table name is checked before it
 * is quoted in, and the status column names come from a fixed table.
 *
 * @internal
 */
export interface SqliteLedgerSql {
  readonly create: string;
  readonly claim: string;
  readonly renew: string;
  readonly commit: Readonly<Record<PoaVerificationStatus, string>>;
  readonly release: string;
  readonly upload: string;
  readonly get: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** @internal */
export function sqliteLedgerSql(tableName: string): SqliteLedgerSql {
  if (typeof tableName !== 'string' || !IDENTIFIER.test(tableName)) {
    throw new TypeError(`p100-webhooks/ledger/sqlite: \`tableName\` must be an SQL identifier (letters, digits, \`_\`; at most 63).`);
  }
  const [$1, $2, $3, $4, $5, $6] = [1, 2, 3, 4, 5, 6].map((n) => `@p${n}`) as [string, string, string, string, string, string];
  const t = `"${tableName}"`;
  const fields = LEDGER_RECORD_FIELDS.join(', ');
  const integers = LEDGER_RECORD_FIELDS.filter((f) => f !== 'status').map((f) => `  ${f} bigint NOT NULL DEFAULT 0,`).join('\n');
  // The user, the lease token, the status, the round, the time and the claimed record's seq. Every
  // right-hand side reads the row as it was before the update; an upload recorded since the claim is
  // ordered after the change.
  const uploaded = `upload_seq > ${$6}`;
  const commit = Object.fromEntries(
    Object.entries(MARK_FIELDS).map(([name, [at, seq]]) => [
      name,
      `UPDATE ${t} SET seq = seq + CASE WHEN ${uploaded} THEN 2 ELSE 1 END, upload_seq = CASE WHEN ${uploaded} THEN seq + 2 ELSE upload_seq END, ` +
        `status = ${$3}, round = ${$4}, applied_at = ${$5}, applied_seq = seq + 1, ` +
        `${at} = ${$5}, ${seq} = seq + 1, lease_token = NULL, lease_until = 0 WHERE external_user_id = ${$1} AND lease_token = ${$2} RETURNING 1 AS ok`,
    ]),
  ) as Record<PoaVerificationStatus, string>;
  return {
    create: `CREATE TABLE IF NOT EXISTS ${t} (\n  external_user_id text PRIMARY KEY,\n  status text,\n${integers}\n  lease_token text,\n  lease_until bigint NOT NULL DEFAULT 0\n)`,
    // Takes the lease when it is free, creating the user's row if needed, and returns the record;
    // no row back means another delivery holds the lease.
    claim:
      `INSERT INTO ${t} AS l (external_user_id, lease_token, lease_until) VALUES (${$1}, ${$2}, ${$4}) ` +
      `ON CONFLICT (external_user_id) DO UPDATE SET lease_token = EXCLUDED.lease_token, lease_until = EXCLUDED.lease_until ` +
      `WHERE l.lease_token IS NULL OR l.lease_until <= ${$3} RETURNING ${fields}`,
    renew: `UPDATE ${t} SET lease_until = ${$3} WHERE external_user_id = ${$1} AND lease_token = ${$2} RETURNING 1 AS ok`,
    commit,
    release: `UPDATE ${t} SET lease_token = NULL, lease_until = 0 WHERE external_user_id = ${$1} AND lease_token = ${$2}`,
    upload:
      `INSERT INTO ${t} AS l (external_user_id, seq, upload_seq, upload_at) VALUES (${$1}, 1, 1, ${$2}) ` +
      `ON CONFLICT (external_user_id) DO UPDATE SET seq = l.seq + 1, upload_seq = l.seq + 1, upload_at = EXCLUDED.upload_at`,
    get: `SELECT ${fields} FROM ${t} WHERE external_user_id = ${$1}`,
  };
}
