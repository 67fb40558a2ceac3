import { STATUS_CODES } from 'node:http';
import type { PoaDeliveryAttempt } from '../testing/send-poa-webhook.ts';
import type { Paint } from './colors.ts';
import { escapeTerminalControls } from './escape-terminal-controls.ts';

const MAX_BODY_CHARS = 500;

/** A body on one line, cut at 500 characters, its control characters escaped. @internal */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return escapeTerminalControls(flat.length > MAX_BODY_CHARS ? `${flat.slice(0, MAX_BODY_CHARS)}… (${flat.length} chars)` : flat);
}

/** `ms` for short spans, `s` from a second on. @internal */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** `host:port` of a URL, with the scheme's default port when it names none. */
function hostAndPort(url: URL): string {
  return `${url.hostname}:${url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port}`;
}

/** Why no answer came, in words: a refused connection means nothing listens at the URL's host and port. */
function describeNoAnswer(error: string | undefined, url: URL): string {
  if (error === undefined) return 'no answer (network error)';
  if (/\bECONNREFUSED\b/.test(error)) return `no answer: nothing is listening at ${hostAndPort(url)} (ECONNREFUSED); is the receiver running?`;
  return `no answer (${escapeTerminalControls(error)})`;
}

/**
 * One attempt of `send` to `url`: `attempt 2/5  200 OK  3.1 ms  {}`, or
 * `attempt 1/5  no answer: nothing is listening at 127.0.0.1:3000 (ECONNREFUSED); is the receiver running?  1.2 ms`.
 *
 * @internal
 */
export function formatAttempt(attempt: PoaDeliveryAttempt, total: number, url: URL, paint: Paint): string {
  const label = `attempt ${attempt.attempt}/${total}`;
  const latency = paint('dim', formatDuration(attempt.latencyMs));
  if (attempt.status === null) return `${label}  ${paint('red', describeNoAnswer(attempt.error, url))}  ${latency}`;
  const text = `${attempt.status} ${STATUS_CODES[attempt.status] ?? ''}`.trim();
  const status = paint(attempt.ok ? 'green' : attempt.status >= 500 ? 'red' : 'yellow', text);
  return `${label}  ${status}  ${latency}  ${oneLine(attempt.body)}`.trimEnd();
}
