import type { PoaInbox } from '../inbox/poa-inbox.ts';
import { CliUsageError } from './cli-usage-error.ts';

/** An inbox the CLI opened from a connection string, and how to close its connections. @internal */
export interface OpenedInbox {
  readonly inbox: PoaInbox;
  close(): Promise<void>;
}

/** Opens the engine a connection string names: PostgreSQL URLs are pg-boss, Redis URLs BullMQ. @internal */
export type InboxOpener = (url: URL, where: { readonly queue: string | undefined; readonly schema: string | undefined }) => Promise<OpenedInbox>;

/**
 * The connection string with its password (and a user name that may be a token) replaced by `***`:
 * the only form the CLI ever prints.
 *
 * @internal
 */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  for (const key of [...copy.searchParams.keys()]) if (/pass|secret|token|key/i.test(key)) copy.searchParams.set(key, '***');
  return copy.href;
}

/**
 * Reads `--url` (or `P100_INBOX_URL`) as a PostgreSQL or Redis connection string.
 *
 * @throws CliUsageError when it is missing, not a URL, or of another scheme.
 * @internal
 */
export function parseInboxUrl(value: string | undefined): URL {
  if (value === undefined || value === '') throw new CliUsageError('missing --url (a postgres:// or redis:// connection string; or set P100_INBOX_URL)');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError('bad --url: not a URL (expected postgres://… or redis://…)');
  }
  if (!['postgres:', 'postgresql:', 'redis:', 'rediss:'].includes(url.protocol)) {
    throw new CliUsageError(`bad --url scheme ${JSON.stringify(url.protocol)}: expected postgres:, postgresql:, redis: or rediss:`);
  }
  return url;
}
