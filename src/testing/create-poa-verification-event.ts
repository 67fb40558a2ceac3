import type { PoaVerificationEvent } from '../core/poa-verification-event-schema.ts';
import type { PoaVerificationStatus } from '../core/poa-verification-statuses.ts';

let counter = 0;

/**
 * Builds a valid event for tests: status `WAITING` and a fresh `externalUserId` unless overridden.
 *
 * @param overrides - Fields to set.
 * @returns A typed event.
 * @example
 * ```ts
 * import { createPoaVerificationEvent } from 'p100-webhooks/testing';
 *
 * const event = createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'user-42' });
 * ```
 */
export function createPoaVerificationEvent<S extends PoaVerificationStatus = 'WAITING'>(
  overrides: { readonly status?: S; readonly externalUserId?: string } = {},
): Extract<PoaVerificationEvent, { status: S }> {
  counter += 1;
  return {
    externalUserId: overrides.externalUserId ?? `test-user-${counter}`,
    status: overrides.status ?? 'WAITING',
  } as Extract<PoaVerificationEvent, { status: S }>;
}
