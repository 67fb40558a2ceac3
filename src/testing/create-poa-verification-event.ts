import type { PoaVerificationEventOf } from '../core/poa-verification-event-of.ts';
import type { PoaVerificationStatus } from '../core/poa-verification-statuses.ts';
import { nextTestUserId } from './next-test-user-id.ts';

/**
 * Builds a valid event for tests: status `WAITING` and a fresh `externalUserId`
 * (`test-user-1`, `test-user-2`, …) unless overridden. The result is typed by its status.
 *
 * @param overrides - The status and/or the `externalUserId` to use.
 * @returns A typed event, e.g. `PoaVerificationEventOf<'APPROVED'>` for `{ status: 'APPROVED' }`.
 * @example
 * ```ts
 * import { createPoaVerificationEvent } from 'p100-webhooks/testing';
 *
 * const waiting = createPoaVerificationEvent();                       // { externalUserId: 'test-user-1', status: 'WAITING' }
 * const approved = createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'user-42' });
 * approved.status; // type 'APPROVED'
 * ```
 */
export function createPoaVerificationEvent<S extends PoaVerificationStatus = 'WAITING'>(
  overrides: { readonly status?: S; readonly externalUserId?: string } = {},
): PoaVerificationEventOf<S> {
  const externalUserId = nextTestUserId();
  return {
    externalUserId: overrides.externalUserId ?? externalUserId,
    status: overrides.status ?? 'WAITING',
  } as PoaVerificationEventOf<S>;
}
