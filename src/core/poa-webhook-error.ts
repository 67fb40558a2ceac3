/**
 * Why a delivery was refused or failed, with the HTTP status the adapters answer it with.
 *
 * @example
 * ```ts
 * import { POA_WEBHOOK_ERROR_HTTP_STATUS } from 'p100-webhooks';
 *
 * POA_WEBHOOK_ERROR_HTTP_STATUS.UNAUTHORIZED; // 401
 * ```
 */
export const POA_WEBHOOK_ERROR_HTTP_STATUS = {
  METHOD_NOT_ALLOWED: 405,
  NOT_FOUND: 404,
  SECRET_NOT_CONFIGURED: 500,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  EMPTY_BODY: 400,
  INVALID_JSON: 400,
  INVALID_PAYLOAD: 400,
  UNKNOWN_STATUS: 400,
  HANDLER_FAILED: 500,
  HANDLER_TIMEOUT: 503,
  BODY_UNAVAILABLE: 500,
  CONNECTION_CLOSED: 503,
  DELIVERY_IN_PROGRESS: 503,
  LEDGER_UNAVAILABLE: 503,
  INBOX_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

/**
 * The literal code of a {@link PoaWebhookError}.
 *
 * @example
 * ```ts
 * import type { PoaWebhookErrorCode } from 'p100-webhooks';
 *
 * const code: PoaWebhookErrorCode = 'INVALID_JSON';
 * ```
 */
export type PoaWebhookErrorCode = keyof typeof POA_WEBHOOK_ERROR_HTTP_STATUS;

/**
 * One problem found in a payload: where (`"status"`, `"externalUserId"`, or `""` for the root) and what.
 *
 * @example
 * ```ts
 * import type { PoaWebhookIssue } from 'p100-webhooks';
 *
 * const issue: PoaWebhookIssue = { path: 'status', message: 'Expected a string' };
 * ```
 */
export interface PoaWebhookIssue {
  /** Dotted path of the offending value; `""` for the payload itself. */
  readonly path: string;
  /** What is wrong with it, readable by a person. */
  readonly message: string;
}

/**
 * Options of the {@link PoaWebhookError} constructor.
 *
 * @example
 * ```ts
 * import { PoaWebhookError, type PoaWebhookErrorOptions } from 'p100-webhooks';
 *
 * const options: PoaWebhookErrorOptions = { cause: new Error('db down') };
 * throw new PoaWebhookError('HANDLER_FAILED', 'The handler failed.', options);
 * ```
 */
export interface PoaWebhookErrorOptions {
  /** The payload issues; only meaningful with `INVALID_PAYLOAD`. */
  readonly issues?: readonly PoaWebhookIssue[];
  /** The underlying error, such as what a handler threw. Never sent to the client. */
  readonly cause?: unknown;
}

/**
 * The one error this package throws or reports: a literal `code`, the `httpStatus` adapters answer
 * with, and the payload `issues` (empty unless `code` is `INVALID_PAYLOAD`). Messages never contain
 * the secret or the `Authorization` header.
 *
 * @example
 * ```ts
 * import { parsePoaVerificationEvent, PoaWebhookError } from 'p100-webhooks';
 *
 * try {
 *   parsePoaVerificationEvent('{"externalUserId":"u-1"}');
 * } catch (error) {
 *   if (error instanceof PoaWebhookError) console.log(error.code, error.httpStatus, error.issues);
 * }
 * ```
 */
export class PoaWebhookError extends Error {
  /** Always `'PoaWebhookError'`; {@link isPoaWebhookError} checks it to recognise copies from other realms. */
  override readonly name = 'PoaWebhookError' as const;
  /** What went wrong, as a literal code. */
  readonly code: PoaWebhookErrorCode;
  /** The HTTP status the adapters answer with for this error. */
  readonly httpStatus: number;
  /** Problems found in the payload; empty unless `code` is `INVALID_PAYLOAD`. Frozen, as is each issue. */
  readonly issues: readonly PoaWebhookIssue[];

  /**
   * @param code - The literal error code; it fixes {@link PoaWebhookError.httpStatus}.
   * @param message - A readable explanation; never put a secret in it.
   * @param options - Payload `issues` and the underlying `cause`.
   */
  constructor(code: PoaWebhookErrorCode, message: string, options: PoaWebhookErrorOptions = {}) {
    // `'cause' in options` keeps even a thrown `undefined` as the cause, as `Error` itself does.
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.httpStatus = POA_WEBHOOK_ERROR_HTTP_STATUS[code];
    this.issues = Object.freeze(
      (options.issues ?? []).map(({ path, message }) => Object.freeze({ path: String(path), message: String(message) })),
    );
  }
}
