/**
 * The statements the pg-boss inbox runs itself, on pg-boss's own tables (`job`, `archive`, `queue`
 * of its schema), where pg-boss 10 has no API with the inbox's meaning: listing across states,
 * a failure with a backoff in milliseconds, a replay that renews the attempts, a purge of the dead.
 * Every value is a parameter; the schema, checked as pg-boss checks it, is quoted.
 *
 * pg-boss's job states map to the inbox's: `created` and `retry` are waiting, `active` is active,
 * `completed` is done, `failed` (and `cancelled`, which only pg-boss's own API makes) is dead. A job
 * that pg-boss's maintenance moved to the archive table is still listed: done if it was completed,
 * dead otherwise (a failed one, or one that waited past its retention and will never run).
 *
 * @internal
 */
export interface PgBossInboxSql {
  /** $1 queue: its policy, to check that the queue exists in this schema. */
  readonly queuePolicy: string;
  /** $1 queue, $2 states (text[]), $3 limit: the entries, oldest first. */
  readonly list: string;
  /** $1 queue, $2 id, $3 retry_count when fetched, $4 retry (bool), $5 delay in ms, $6 output: the new state, or no row when the attempt is no longer the job's. */
  readonly fail: string;
  /** $1 queue, $2 id or null for every dead job: how many were put back. */
  readonly replay: string;
  /** $1 queue: how many dead jobs were deleted. */
  readonly purgeDead: string;
}

/** What pg-boss accepts as a schema name (Attorney.assertPostgresObjectName). */
export const PG_BOSS_SCHEMA = /^[A-Za-z_]\w{0,49}$/;

/** The statements for one schema (already checked against {@link PG_BOSS_SCHEMA}). @internal */
export function pgBossInboxSql(schema: string): PgBossInboxSql {
  // pg-boss writes the schema unquoted, so PostgreSQL folds it to lower case.
  const s = `"${schema.toLowerCase()}"`;
  const jobState = `CASE state WHEN 'completed' THEN 'done' WHEN 'failed' THEN 'dead' WHEN 'cancelled' THEN 'dead' WHEN 'active' THEN 'active' ELSE 'waiting' END`;
  const archivedState = `CASE state WHEN 'completed' THEN 'done' ELSE 'dead' END`;
  const columns = 'id, data, started_on, retry_count, output, created_on';
  const retrying = '($4::boolean AND retry_count < retry_limit)';
  const chosen = '($2::uuid IS NULL OR id = $2::uuid)';
  return {
    queuePolicy: `SELECT policy FROM ${s}.queue WHERE name = $1`,
    list: `
      SELECT id::text AS id, data, started_on IS NOT NULL AS started, retry_count, output,
        (extract(epoch FROM created_on) * 1000)::float8 AS enqueued_at, inbox_state
      FROM (
        SELECT ${columns}, ${jobState} AS inbox_state FROM ${s}.job WHERE name = $1
        UNION ALL
        SELECT ${columns}, ${archivedState} AS inbox_state FROM ${s}.archive WHERE name = $1
      ) AS entries
      WHERE inbox_state = ANY($2::text[])
      ORDER BY created_on, id
      LIMIT $3`,
    fail: `
      UPDATE ${s}.job SET
        state = (CASE WHEN ${retrying} THEN 'retry' ELSE 'failed' END)::${s}.job_state,
        start_after = CASE WHEN ${retrying} THEN now() + $5::float8 * interval '1 millisecond' ELSE start_after END,
        completed_on = CASE WHEN ${retrying} THEN NULL ELSE now() END,
        output = $6::jsonb
      WHERE name = $1 AND id = $2::uuid AND state = 'active' AND retry_count = $3::integer
      RETURNING state::text AS state`,
    replay: `
      WITH revived AS (
        UPDATE ${s}.job SET state = 'created', retry_count = 0, started_on = NULL, completed_on = NULL, output = NULL,
          start_after = now(), keep_until = now() + (keep_until - created_on)
        WHERE name = $1 AND state IN ('failed', 'cancelled') AND ${chosen}
        RETURNING 1
      ), unarchived AS (
        DELETE FROM ${s}.archive WHERE name = $1 AND state <> 'completed' AND ${chosen}
        RETURNING *
      ), restored AS (
        INSERT INTO ${s}.job (id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff,
          start_after, expire_in, created_on, keep_until, dead_letter, policy)
        SELECT id, name, priority, data, 'created', retry_limit, 0, retry_delay, retry_backoff,
          now(), expire_in, created_on, now() + (keep_until - created_on), dead_letter, policy
        FROM unarchived
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM revived) + (SELECT count(*) FROM restored) AS count`,
    purgeDead: `
      WITH live AS (
        DELETE FROM ${s}.job WHERE name = $1 AND state IN ('failed', 'cancelled') RETURNING 1
      ), archived AS (
        DELETE FROM ${s}.archive WHERE name = $1 AND state <> 'completed' RETURNING 1
      )
      SELECT (SELECT count(*) FROM live) + (SELECT count(*) FROM archived) AS count`,
  };
}
