import type { Accounts } from '../../../examples/node-http/src/accounts.ts';

/** One call an example's handler made on the partner's side. */
export type AccountsCall = readonly [method: keyof Accounts, externalUserId: string, reason?: 'REJECTED' | 'QUESTIONED'];

/** A real in-memory {@link Accounts} that records every call, in order. */
export function recordingAccounts(): Accounts & { readonly calls: AccountsCall[] } {
  const calls: AccountsCall[] = [];
  return {
    calls,
    markPoaPending: async (id) => void calls.push(['markPoaPending', id]),
    unlockExtendedLimits: async (id) => void calls.push(['unlockExtendedLimits', id]),
    askUserToAct: async (id, reason) => void calls.push(['askUserToAct', id, reason]),
  };
}

/** What each status must make the examples do. */
export const EXPECTED_CALL = {
  WAITING: (id: string): AccountsCall => ['markPoaPending', id],
  APPROVED: (id: string): AccountsCall => ['unlockExtendedLimits', id],
  REJECTED: (id: string): AccountsCall => ['askUserToAct', id, 'REJECTED'],
  QUESTIONED: (id: string): AccountsCall => ['askUserToAct', id, 'QUESTIONED'],
} as const;
