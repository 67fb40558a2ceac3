import type { KycFileAddedEventOf } from '../core/kyc-file-added/kyc-file-added-event-of.ts';
import type { KycFileStatus } from '../core/kyc-file-added/kyc-file-statuses.ts';
import { nextTestUserId } from './next-test-user-id.ts';

/**
 * Builds a valid KYC File Added event for tests: status `ADDED` and a fresh `externalUserId`
 * (`test-user-1`, `test-user-2`, …) unless overridden. The result is typed by its status.
 *
 * @param overrides - The status and/or the `externalUserId` to use.
 * @returns A typed event, e.g. `KycFileAddedEventOf<'ERROR'>` for `{ status: 'ERROR' }`.
 * @example
 * ```ts
 * import { createKycFileAddedEvent } from 'p100-webhooks/testing';
 *
 * const added = createKycFileAddedEvent();                       // { externalUserId: 'test-user-1', status: 'ADDED' }
 * const failed = createKycFileAddedEvent({ status: 'ERROR', externalUserId: 'user-42' });
 * failed.status; // type 'ERROR'
 * ```
 */
export function createKycFileAddedEvent<S extends KycFileStatus = 'ADDED'>(
  overrides: { readonly status?: S; readonly externalUserId?: string } = {},
): KycFileAddedEventOf<S> {
  const externalUserId = nextTestUserId();
  return {
    externalUserId: overrides.externalUserId ?? externalUserId,
    status: overrides.status ?? 'ADDED',
  } as KycFileAddedEventOf<S>;
}
