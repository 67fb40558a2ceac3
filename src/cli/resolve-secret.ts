import { CliUsageError } from './cli-usage-error.ts';

/** The environment variable the CLI reads the secret from when `--secret` is not given. @internal */
export const SECRET_ENV = 'P100_WEBHOOK_SECRET';

/** `--secret`, else `P100_WEBHOOK_SECRET`; neither (or empty) is a usage error. @internal */
export function resolveSecret(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  if (flag !== undefined) {
    if (flag === '') throw new CliUsageError('--secret must not be empty');
    return checkPadding(flag, '--secret');
  }
  const fromEnv = env[SECRET_ENV];
  if (fromEnv === undefined || fromEnv === '') {
    throw new CliUsageError(`missing secret: pass --secret or set ${SECRET_ENV}`);
  }
  return checkPadding(fromEnv, SECRET_ENV);
}

/** A secret with surrounding white space could never match a delivery's token. */
function checkPadding(secret: string, source: string): string {
  if (secret.trim() !== secret) throw new CliUsageError(`${source} must not start or end with white space`);
  return secret;
}
