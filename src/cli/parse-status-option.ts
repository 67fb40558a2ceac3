import { CliUsageError } from './cli-usage-error.ts';

/**
 * A status flag (`--status`, `--attempt-status`), case-insensitive; anything but one of `statuses`
 * is a usage error naming them.
 *
 * @internal
 */
export function parseStatusOption<const S extends string>(value: string, statuses: readonly S[], flag = '--status'): S {
  const upper = value.toUpperCase();
  const status = statuses.find((candidate) => candidate === upper);
  if (status !== undefined) return status;
  throw new CliUsageError(`bad ${flag} ${JSON.stringify(value)}: use one of ${statuses.join(', ')}`);
}
