/**
 * A mistake in how the CLI was called (unknown command or flag, bad value, missing secret): printed as
 * one line on stderr, exit code 2.
 *
 * @internal
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError' as const;
}
