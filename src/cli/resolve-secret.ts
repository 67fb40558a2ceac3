import { CliUsageError } from './cli-usage-error.ts';

/** The environment variable the CLI reads the secret from when `--secret` is not given. @internal */
export const SECRET_ENV = 'P100_WEBHOOK_SECRET';

/**
 * `--secret`, else `P100_WEBHOOK_SECRET`; neither (or empty) is a usage error, and so is a secret that
 * is not visible ASCII. @internal
 */
export function resolveSecret(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  if (flag !== undefined) {
    if (flag === '') throw new CliUsageError('--secret must not be empty');
    return checkSecret(flag, '--secret');
  }
  const fromEnv = env[SECRET_ENV];
  if (fromEnv === undefined || fromEnv === '') {
    throw new CliUsageError(`missing secret: pass --secret or set ${SECRET_ENV}`);
  }
  return checkSecret(fromEnv, SECRET_ENV);
}

/**
 * A secret with surrounding white space could never match a delivery's token, and one with other than
 * visible ASCII (`!` to `~`) cannot travel in an HTTP header byte for byte.
 */
function checkSecret(secret: string, source: string): string {
  if (secret.trim() !== secret) throw new CliUsageError(`${source} must not start or end with white space`);
  if (!/^[!-~]+$/.test(secret)) throw new CliUsageError(`${source} must be visible ASCII (! to ~, no spaces)`);
  return secret;
}
