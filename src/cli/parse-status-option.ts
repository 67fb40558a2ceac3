import { isPoaVerificationStatus } from '../core/is-poa-verification-status.ts';
import { POA_VERIFICATION_STATUSES, type PoaVerificationStatus } from '../core/poa-verification-statuses.ts';
import { CliUsageError } from './cli-usage-error.ts';

/** `--status`, case-insensitive; anything but the four statuses is a usage error. @internal */
export function parseStatusOption(value: string): PoaVerificationStatus {
  const upper = value.toUpperCase();
  if (isPoaVerificationStatus(upper)) return upper;
  throw new CliUsageError(`bad --status ${JSON.stringify(value)}: use one of ${POA_VERIFICATION_STATUSES.join(', ')}`);
}
