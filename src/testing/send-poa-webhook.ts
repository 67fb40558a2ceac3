import { P100_RETRY_DELAYS_MS } from './p100-retry-delays.ts';
import { type PoaTestDeliveryOptions, testDeliveryHeaders } from './poa-test-delivery-options.ts';
import type { P100WebhookTestBody } from './p100-webhook-test-body.ts';
import { testBodyBytes } from './poa-webhook-test-body.ts';

/**
 * How {@link sendPoaWebhook} retries: `true` for P100's schedule, or the schedule scaled
 * (`scale: 0.001` turns 8 s into 8 ms) or replaced (`delays`).
 *
 * @example
 * ```ts
 * import type { PoaRetryOptions } from 'p100-webhooks/testing';
 *
 * const fast: PoaRetryOptions = { scale: 0.001 };      // 8, 16, 32, 64 ms
 * const twice: PoaRetryOptions = { delays: [10, 10] }; // 3 attempts, 10 ms apart
 * ```
 */
export interface PoaRetryOptions {
  /** The pauses before each retry, in milliseconds (one retry per entry). @default P100_RETRY_DELAYS_MS */
  readonly delays?: readonly number[];
  /** A factor applied to every pause. @default 1 */
  readonly scale?: number;
}

/**
 * One delivery attempt, as {@link sendPoaWebhook} reports it.
 *
 * @example
 * ```ts
 * import type { PoaDeliveryAttempt } from 'p100-webhooks/testing';
 *
 * function describe(attempt: PoaDeliveryAttempt): string {
 *   return attempt.status === null
 *     ? `#${attempt.attempt} network error: ${attempt.error}`
 *     : `#${attempt.attempt} ${attempt.status} in ${attempt.latencyMs} ms: ${attempt.body}`;
 * }
 * ```
 */
export interface PoaDeliveryAttempt {
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /** When the attempt started. */
  readonly startedAt: Date;
  /** The HTTP status, or `null` when no answer came (connection refused, reset, timed out). */
  readonly status: number | null;
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** Milliseconds from sending the request to reading the whole answer (or to the failure). */
  readonly latencyMs: number;
  /** The response body as text (`''` when no answer came). */
  readonly body: string;
  /** The response headers, lower-case names (empty when no answer came). */
  readonly headers: Readonly<Record<string, string>>;
  /** Why no answer came, when `status` is `null`. */
  readonly error?: string;
}

/**
 * What {@link sendPoaWebhook} resolves to: every attempt in order, and whether the last one got a 2xx.
 *
 * @example
 * ```ts
 * import type { PoaDeliveryReport } from 'p100-webhooks/testing';
 *
 * function summary(report: PoaDeliveryReport): string {
 *   return `${report.ok ? 'delivered' : 'failed'} after ${report.attempts.length} attempt(s), last status ${report.status}`;
 * }
 * ```
 */
export interface PoaDeliveryReport {
  /** Whether a 2xx answer was received. */
  readonly ok: boolean;
  /** The status of the last attempt, or `null` when it got no answer. */
  readonly status: number | null;
  /** Every attempt, in order (at least one). */
  readonly attempts: readonly PoaDeliveryAttempt[];
}

/**
 * Options of {@link sendPoaWebhook}.
 *
 * @example
 * ```ts
 * import type { SendPoaWebhookOptions } from 'p100-webhooks/testing';
 *
 * const options: SendPoaWebhookOptions = {
 *   secret: 's3cret',
 *   retry: { scale: 0.001 },
 *   onAttempt: (attempt) => console.log(attempt.attempt, attempt.status),
 * };
 * ```
 */
export interface SendPoaWebhookOptions extends PoaTestDeliveryOptions {
  /** Retry until a 2xx like P100 does (`true`), with a scaled or custom schedule, or not at all. @default false */
  readonly retry?: boolean | PoaRetryOptions;
  /** How long one attempt may take before it counts as failed with no answer. @default 30000 */
  readonly timeoutMs?: number;
  /** Called after every attempt, before the pause that follows it. */
  readonly onAttempt?: (attempt: PoaDeliveryAttempt) => void;
  /** Stops the delivery: the pending attempt or pause ends and the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** The `fetch` to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

const now = (): number => (typeof performance === 'object' ? performance.now() : Date.now());

function retryDelays(retry: SendPoaWebhookOptions['retry']): readonly number[] {
  if (retry === undefined || retry === false) return [];
  const { delays = P100_RETRY_DELAYS_MS, scale = 1 } = retry === true ? {} : retry;
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new TypeError('p100-webhooks/testing: `retry.scale` must be a finite number >= 0.');
  return delays.map((delay) => {
    if (!(delay >= 0) || !Number.isFinite(delay)) throw new TypeError('p100-webhooks/testing: `retry.delays` must be finite numbers >= 0.');
    return delay * scale;
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The delivery was aborted.', 'AbortError');
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? (((cause as { code?: unknown }).code as string | undefined) ?? cause.message) : undefined;
  return detail === undefined || detail === '' ? error.message : `${error.message} (${detail})`;
}

async function attemptOnce(
  url: URL,
  init: RequestInit,
  attempt: number,
  options: SendPoaWebhookOptions,
): Promise<PoaDeliveryAttempt> {
  const startedAt = new Date();
  const start = now();
  const controller = new AbortController();
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await (options.fetch ?? fetch)(url, { ...init, signal: controller.signal });
    const body = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const { status } = response;
    return { attempt, startedAt, status, ok: status >= 200 && status < 300, latencyMs: now() - start, body, headers };
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal);
    const message = timedOut ? `no answer within ${timeoutMs} ms` : describeError(error);
    return { attempt, startedAt, status: null, ok: false, latencyMs: now() - start, body: '', headers: {}, error: message };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Delivers a webhook over HTTP the way P100 does: `POST`, `content-type: application/json` and
 * `Authorization: Bearer <secret>`, the event as its JSON body (or a raw body as given), redirects not
 * followed. With `retry`, a delivery that gets no 2xx (another status, or no answer) is sent again
 * after P100's pauses (about 8, 16, 32 and 64 s, 5 attempts in all), which `retry: { scale }` shrinks
 * for tests. Every attempt is reported; a failed delivery resolves (with `ok: false`) rather than
 * rejects. Works in any runtime with `fetch`. Any webhook's event goes: POA, KYC Verification
 * Status, KYC File Added, User status, or a custom route's body, whose shape you name as the type
 * argument `Custom`; the `url` picks the route.
 *
 * @typeParam Custom - The shape of a custom webhook's body (see `P100WebhookTestBody`); none by default.
 * @param url - Where your endpoint listens, e.g. `http://127.0.0.1:3000/webhook/poa-verification/status`.
 * @param eventOrBody - An event (see {@link createPoaVerificationEvent}, `createKycVerificationStatusEvent`,
 *   `createKycFileAddedEvent`, `createUserStatusEvent`), a `Custom` object, or a raw string/bytes body.
 * @param options - The secret (`null` for none), and optionally `retry`, `timeoutMs`, `onAttempt`, `signal`, extra `headers`.
 * @returns Every attempt, and whether the delivery got a 2xx.
 * @throws TypeError (as a rejection) when `url` is not an absolute http(s) URL or an option is invalid;
 *   the signal's reason when `signal` aborts.
 * @example
 * ```ts
 * import { createPoaVerificationEvent, sendPoaWebhook } from 'p100-webhooks/testing';
 *
 * const report = await sendPoaWebhook(
 *   'http://127.0.0.1:3000/webhook/poa-verification/status',
 *   createPoaVerificationEvent({ status: 'QUESTIONED', externalUserId: 'user-42' }),
 *   { secret: process.env.P100_WEBHOOK_SECRET ?? '', retry: { scale: 0.01 } }, // 80, 160, 320, 640 ms
 * );
 * for (const attempt of report.attempts) console.log(attempt.attempt, attempt.status, `${attempt.latencyMs} ms`, attempt.body);
 * console.log(report.ok ? 'delivered' : 'gave up');
 * ```
 * @example Another webhook, at the path its route serves
 * ```ts
 * import { createUserStatusEvent, sendPoaWebhook } from 'p100-webhooks/testing';
 *
 * const report = await sendPoaWebhook('http://127.0.0.1:3000/webhook/user/status', createUserStatusEvent({ externalUserId: 'user-42' }), {
 *   secret: process.env.P100_WEBHOOK_SECRET ?? '',
 * });
 * console.log(report.status); // 200
 * ```
 */
export async function sendPoaWebhook<Custom extends object = never>(
  url: string | URL,
  eventOrBody: P100WebhookTestBody<[Custom][Custom extends unknown ? 0 : never]>,
  options: SendPoaWebhookOptions,
): Promise<PoaDeliveryReport> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new TypeError(`p100-webhooks/testing: not an absolute URL: ${JSON.stringify(String(url))}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(`p100-webhooks/testing: only http: and https: URLs can be delivered to, not ${target.protocol}`);
  }
  const delays = retryDelays(options.retry);
  const init: RequestInit = { method: 'POST', headers: testDeliveryHeaders(options), body: testBodyBytes(eventOrBody), redirect: 'manual' };
  const attempts: PoaDeliveryAttempt[] = [];
  for (let i = 0; ; i++) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    const attempt = await attemptOnce(target, init, i + 1, options);
    attempts.push(attempt);
    options.onAttempt?.(attempt);
    const delay = delays[i];
    if (attempt.ok || delay === undefined) return { ok: attempt.ok, status: attempt.status, attempts };
    await pause(delay, options.signal);
  }
}
