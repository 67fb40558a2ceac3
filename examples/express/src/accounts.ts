/**
 * Your side of the integration: what the webhook handlers do to a user's account. In production this
 * talks to your database; here it logs. Every method must be idempotent: P100 retries deliveries.
 */
export interface Accounts {
  /** The user's proof of address is under review. */
  markPoaPending(externalUserId: string): Promise<void>;
  /** The proof of address was accepted: unlock what depended on it. */
  unlockExtendedLimits(externalUserId: string): Promise<void>;
  /** The user has to act: upload a new document (REJECTED) or answer a question (QUESTIONED). */
  askUserToAct(externalUserId: string, reason: 'REJECTED' | 'QUESTIONED'): Promise<void>;
}

/** An {@link Accounts} that only logs, for running the example locally. */
export const loggingAccounts: Accounts = {
  markPoaPending: async (id) => console.log(`[accounts] ${id}: proof of address pending`),
  unlockExtendedLimits: async (id) => console.log(`[accounts] ${id}: approved, limits unlocked`),
  askUserToAct: async (id, reason) => console.log(`[accounts] ${id}: ${reason}, user notified`),
};
