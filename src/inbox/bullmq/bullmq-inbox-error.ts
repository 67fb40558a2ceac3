import { PoaWebhookError } from '../../core/poa-webhook-error.ts';

/** The error of every failed inbox operation: `INBOX_UNAVAILABLE`, with what failed as the cause. @internal */
export const inboxUnavailable = (what: string, cause: unknown): PoaWebhookError =>
  new PoaWebhookError('INBOX_UNAVAILABLE', `p100-webhooks/inbox/bullmq: could not ${what}.`, { cause });
