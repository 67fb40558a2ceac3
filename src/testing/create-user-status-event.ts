import type { UserStatusEventOf } from '../core/user-status/user-status-event-of.ts';
import type { UserStatus } from '../core/user-status/user-statuses.ts';
import { nextTestUserId } from './next-test-user-id.ts';

/**
 * Builds a valid User status event for tests: status `ACTIVE` (the only one P100's FAQ shows) and a
 * fresh `externalUserId` (`test-user-1`, `test-user-2`, …) unless overridden.
 *
 * @param overrides - The status and/or the `externalUserId` to use.
 * @returns A typed event, `UserStatusEventOf<'ACTIVE'>`.
 * @example
 * ```ts
 * import { createUserStatusEvent } from 'p100-webhooks/testing';
 *
 * const active = createUserStatusEvent({ externalUserId: 'user-42' }); // { externalUserId: 'user-42', status: 'ACTIVE' }
 * ```
 */
export function createUserStatusEvent<S extends UserStatus = 'ACTIVE'>(
  overrides: { readonly status?: S; readonly externalUserId?: string } = {},
): UserStatusEventOf<S> {
  const externalUserId = nextTestUserId();
  return {
    externalUserId: overrides.externalUserId ?? externalUserId,
    status: overrides.status ?? 'ACTIVE',
  } as UserStatusEventOf<S>;
}
