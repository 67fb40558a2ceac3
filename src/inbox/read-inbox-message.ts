import type { PoaInboxMessage } from '../core/poa-delivery-inbox.ts';
import { PoaWebhookError } from '../core/poa-webhook-error.ts';
import { checkPoaVerificationPayload } from '../core/check-poa-verification-payload.ts';
import type { UnknownStatusPayload } from '../core/receiver/webhook-definition.ts';

/** A queued message as the worker reads it: checked, with the event re-validated. @internal */
export type ReadMessage =
  | { readonly ok: true; readonly message: PoaInboxMessage; readonly unknown?: undefined }
  | { readonly ok: true; readonly message: PoaInboxMessage; readonly unknown: UnknownStatusPayload }
  | { readonly ok: false; readonly error: PoaWebhookError };

const invalid = (what: string): ReadMessage => ({ ok: false, error: new PoaWebhookError('INVALID_PAYLOAD', `The queued job is not a delivery: ${what}.`) });

/**
 * Checks that a job's data is a message this version can process: layout 1, the POA webhook, a
 * valid event (re-checked by the payload rules: a job may have been written by something else), a
 * number for `receivedAt`, text for `method`, `url` and every header. An event whose status is not
 * one of the four comes back as `unknown`. Never throws.
 *
 * @internal
 */
export function readInboxMessage(data: unknown): ReadMessage {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return invalid('not an object');
  const { v, webhook, event, receivedAt, method, url, headers } = data as Record<string, unknown>;
  if (v !== 1) return invalid('an unknown layout version');
  if (webhook !== 'poaVerificationStatus') return invalid('an unknown webhook');
  if (typeof receivedAt !== 'number' || !Number.isFinite(receivedAt)) return invalid('no arrival time');
  if (typeof method !== 'string' || !(url === null || typeof url === 'string')) return invalid('no method or URL');
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return invalid('no headers');
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') return invalid('a header that is not text');
    Object.defineProperty(kept, name.toLowerCase(), { value, enumerable: true, writable: true, configurable: true });
  }
  const checked = checkPoaVerificationPayload(event);
  if (!checked.success && checked.unknown === undefined) return { ok: false, error: checked.error };
  const message: PoaInboxMessage = {
    v,
    webhook,
    event: checked.success ? checked.event : (checked.unknown as unknown as PoaInboxMessage['event']),
    receivedAt,
    method,
    url,
    headers: kept,
  };
  return checked.success ? { ok: true, message } : { ok: true, message, unknown: checked.unknown as UnknownStatusPayload };
}
