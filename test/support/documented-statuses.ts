import type { PoaWebhookErrorCode } from '../../src/index.ts';

/**
 * The HTTP status of every error code as CONTRACT.md documents it, restated here on purpose (not
 * imported from src) so the tests hold the code to the contract rather than to itself.
 */
export const DOCUMENTED_STATUS: Readonly<Record<PoaWebhookErrorCode, number>> = {
  METHOD_NOT_ALLOWED: 405,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  EMPTY_BODY: 400,
  INVALID_JSON: 400,
  INVALID_PAYLOAD: 400,
  UNKNOWN_STATUS: 400,
  HANDLER_FAILED: 500,
  HANDLER_TIMEOUT: 503,
  // Added in 0.1 (documented in README's error-code table, not in CONTRACT.md's).
  SECRET_NOT_CONFIGURED: 500,
  BODY_UNAVAILABLE: 500,
  CONNECTION_CLOSED: 503,
  // CONTRACT.md, "Delivery ledger".
  DELIVERY_IN_PROGRESS: 503,
  LEDGER_UNAVAILABLE: 503,
  // CONTRACT.md, "Inbox".
  INBOX_UNAVAILABLE: 503,
};
