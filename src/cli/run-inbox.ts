import type { PoaInboxEntry, PoaInboxState } from '../inbox/poa-inbox.ts';
import type { CliIo } from './cli-io.ts';
import { CliUsageError } from './cli-usage-error.ts';
import { escapeTerminalControls } from './escape-terminal-controls.ts';
import { INBOX_HELP } from './help-text.ts';
import { type InboxOpener, type OpenedInbox, parseInboxUrl, redactUrl } from './open-inbox-url.ts';
import { parseCliOptions } from './parse-cli-options.ts';
import { parseNumberOption } from './parse-number-option.ts';

const INBOX_OPTIONS = {
  url: { type: 'string' },
  queue: { type: 'string' },
  schema: { type: 'string' },
  state: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  id: { type: 'string' },
  'all-dead': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const STATES: readonly PoaInboxState[] = ['waiting', 'active', 'done', 'dead'];

/** One entry as one line: id, state, attempts, last code, when queued, status and user (escaped). */
function formatEntry(entry: PoaInboxEntry): string {
  const event = entry.message?.event;
  const what = event === undefined ? '(not a delivery)' : `${event.status} ${JSON.stringify(event.externalUserId)}`;
  return escapeTerminalControls(
    `${entry.id}  ${entry.state.padEnd(7)}  attempts ${entry.attempts}  ${(entry.lastErrorCode ?? '-').padEnd(20)}  ${new Date(entry.enqueuedAt).toISOString()}  ${what}`,
  );
}

/**
 * `p100-webhooks inbox list | replay | purge-dead`: the inbox's dead letters and queue, against a
 * PostgreSQL (pg-boss) or Redis (BullMQ) connection string. The connection string is printed only
 * with its password replaced; a driver's error is reported by its code, never its text.
 *
 * @returns 0 on success, 1 when the inbox cannot be reached or `replay --id` finds no dead delivery.
 * @throws CliUsageError for bad flags or values.
 * @internal
 */
export async function runInbox(args: readonly string[], io: CliIo, open: InboxOpener): Promise<number> {
  const [action, ...rest] = args;
  if (action === '--help' || action === '-h' || action === 'help') {
    io.stdout.write(INBOX_HELP);
    return 0;
  }
  if (action !== 'list' && action !== 'replay' && action !== 'purge-dead') {
    throw new CliUsageError(action === undefined ? 'missing inbox action: list, replay or purge-dead' : `unknown inbox action ${JSON.stringify(action)}: use list, replay or purge-dead`);
  }
  const values = parseCliOptions(`inbox ${action}`, rest, INBOX_OPTIONS);
  if (values.help === true) {
    io.stdout.write(INBOX_HELP);
    return 0;
  }
  const url = parseInboxUrl(values.url ?? io.env['P100_INBOX_URL']);
  if (action !== 'list' && (values.state !== undefined || values.limit !== undefined || values.json !== undefined)) {
    throw new CliUsageError('--state, --limit and --json are options of "inbox list"');
  }
  if (action !== 'replay' && (values.id !== undefined || values['all-dead'] !== undefined)) throw new CliUsageError('--id and --all-dead are options of "inbox replay"');
  if (action === 'replay' && (values.id === undefined) === (values['all-dead'] !== true)) throw new CliUsageError('inbox replay needs exactly one of --id ID or --all-dead');
  if (values.id === '') throw new CliUsageError('--id must not be empty');
  let states: readonly PoaInboxState[] | undefined;
  if (values.state !== undefined && values.state !== 'all') {
    states = values.state.split(',').map((state) => {
      if (!STATES.includes(state as PoaInboxState)) throw new CliUsageError(`bad --state ${JSON.stringify(state)}: expected waiting, active, done, dead (comma-separated) or all`);
      return state as PoaInboxState;
    });
  }
  if (values.schema !== undefined && !url.protocol.startsWith('postgres')) throw new CliUsageError('--schema is an option of PostgreSQL (pg-boss) URLs');
  const limit = values.limit === undefined ? 100 : parseNumberOption('--limit', values.limit, { min: 1, max: 100_000, integer: true });

  const where = redactUrl(url);
  let opened: OpenedInbox;
  try {
    opened = await open(url, { queue: values.queue, schema: values.schema });
  } catch (error) {
    io.stderr.write(`p100-webhooks: cannot open the inbox at ${where}: ${describe(error)}\n`);
    return 1;
  }
  try {
    const { inbox } = opened;
    if (action === 'list') {
      const entries = await inbox.list({ ...(states === undefined ? {} : { states }), limit });
      for (const entry of entries) io.stdout.write(`${values.json === true ? escapeTerminalControls(JSON.stringify(entry)) : formatEntry(entry)}\n`);
      if (values.json !== true) io.stderr.write(`${entries.length} ${entries.length === 1 ? 'delivery' : 'deliveries'} (${inbox.engine} at ${where})\n`);
      return 0;
    }
    if (action === 'purge-dead') {
      io.stdout.write(`purged ${await inbox.purgeDead()} dead deliveries\n`);
      return 0;
    }
    if (values.id !== undefined) {
      if (!(await inbox.replay(values.id))) {
        io.stderr.write(`p100-webhooks: no dead delivery with id ${escapeTerminalControls(JSON.stringify(values.id))}\n`);
        return 1;
      }
      io.stdout.write(`replayed ${escapeTerminalControls(values.id)}\n`);
      return 0;
    }
    io.stdout.write(`replayed ${await inbox.replayDead()} dead deliveries\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`p100-webhooks: the inbox at ${where} failed: ${describe(error)}\n`);
    return 1;
  } finally {
    await opened.close().catch(() => {});
  }
}

/** A driver error as its code (ECONNREFUSED, 28P01, NOAUTH…), never its message (which may quote the URL). */
function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? name : 'unknown error';
}
