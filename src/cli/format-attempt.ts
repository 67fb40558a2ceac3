import { STATUS_CODES } from 'node:http';
import type { PoaDeliveryAttempt } from '../testing/send-poa-webhook.ts';
import type { Paint } from './colors.ts';

const MAX_BODY_CHARS = 500;

/** A response body on one line, cut at 500 characters. @internal */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return flat.length > MAX_BODY_CHARS ? `${flat.slice(0, MAX_BODY_CHARS)}… (${flat.length} chars)` : flat;
}

/** `ms` for short spans, `s` from a second on. @internal */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
 * One attempt of `send`: `attempt 2/5  200 OK  3.1 ms  {}`, or `attempt 1/5  no answer (ECONNREFUSED)  1.2 ms`.
 *
 * @internal
 */
export function formatAttempt(attempt: PoaDeliveryAttempt, total: number, paint: Paint): string {
  const label = `attempt ${attempt.attempt}/${total}`;
  const latency = paint('dim', formatDuration(attempt.latencyMs));
  if (attempt.status === null) return `${label}  ${paint('red', `no answer (${attempt.error ?? 'network error'})`)}  ${latency}`;
  const text = `${attempt.status} ${STATUS_CODES[attempt.status] ?? ''}`.trim();
  const status = paint(attempt.ok ? 'green' : attempt.status >= 500 ? 'red' : 'yellow', text);
  return `${label}  ${status}  ${latency}  ${oneLine(attempt.body)}`.trimEnd();
}
