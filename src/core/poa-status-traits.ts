import type { PoaVerificationStatus } from './poa-verification-statuses.ts';

/**
 * Tells whether a status is final: `APPROVED` and `REJECTED` end a verification; `WAITING` and
 * `QUESTIONED` may still change.
 *
 * @param status - A status.
 * @returns `true` for `APPROVED` and `REJECTED`.
 * @example
 * ```ts
 * import { isTerminalPoaStatus } from 'p100-webhooks';
 *
 * isTerminalPoaStatus('APPROVED'); // true
 * isTerminalPoaStatus('QUESTIONED'); // false
 * ```
 */
export function isTerminalPoaStatus(status: PoaVerificationStatus): boolean {
  return status === 'APPROVED' || status === 'REJECTED';
}

/**
 * Tells whether a status needs the user to act: upload a new document (`REJECTED`) or answer the
 * reviewer (`QUESTIONED`).
 *
 * @param status - A status.
 * @returns `true` for `REJECTED` and `QUESTIONED`.
 * @example
 * ```ts
 * import { poaStatusRequiresUserAction } from 'p100-webhooks';
 *
 * poaStatusRequiresUserAction('REJECTED'); // true
 * poaStatusRequiresUserAction('WAITING'); // false
 * ```
 */
export function poaStatusRequiresUserAction(status: PoaVerificationStatus): boolean {
  return status === 'REJECTED' || status === 'QUESTIONED';
}
