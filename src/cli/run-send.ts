import { P100_RETRY_DELAYS_MS } from '../testing/p100-retry-delays.ts';
import { type PoaDeliveryReport, sendPoaWebhook, type SendPoaWebhookOptions } from '../testing/send-poa-webhook.ts';
import { buildSendEvent } from './build-send-event.ts';
import type { CliIo } from './cli-io.ts';
import { CliUsageError } from './cli-usage-error.ts';
import { createPaint } from './colors.ts';
import { exitCodeForSignal } from './exit-code-for-signal.ts';
import { formatAttempt, formatDuration, oneLine } from './format-attempt.ts';
import { SEND_HELP } from './help-text.ts';
import { parseCliOptions } from './parse-cli-options.ts';
import { parseNumberOption } from './parse-number-option.ts';
import { parseUrlOption } from './parse-url-option.ts';
import { parseWebhookOption } from './parse-webhook-option.ts';
import { resolveSecret } from './resolve-secret.ts';
import { SEND_OPTIONS } from './send-options.ts';
import { titleWithoutSecret } from './title-without-secret.ts';

function randomUserId(): string {
  return `test-user-${Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')}`;
}

/**
 * `p100-webhooks send`: delivers one webhook like P100 does and prints every attempt.
 *
 * @returns 0 when an attempt got a 2xx answer, 1 when none did, 130 or 143 when SIGINT or SIGTERM
 *   stopped it first.
 * @throws CliUsageError for bad flags or values.
 * @internal
 */
export async function runSend(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCliOptions('send', args, SEND_OPTIONS);
  if (values.help === true) {
    io.stdout.write(SEND_HELP);
    return 0;
  }
  const webhook = parseWebhookOption(values.webhook);
  if (values.url === undefined) throw new CliUsageError(`missing --url (where to deliver, e.g. http://127.0.0.1:3000${webhook.path})`);
  const url = parseUrlOption(values.url);
  if (values.body === undefined && values.status === undefined) {
    const statuses = webhook.statuses;
    throw new CliUsageError(`missing --status (${statuses.slice(0, -1).join(', ')}${statuses.length > 1 ? ' or ' : ''}${statuses.at(-1) ?? ''}) or --body`);
  }
  if (values['user-id'] === '') throw new CliUsageError('--user-id must not be empty');
  for (const flag of ['attempt-status', 'rejection-reason'] as const) {
    if (values[flag] !== undefined && webhook.name !== 'kyc-verification-status') {
      throw new CliUsageError(`--${flag} is for --webhook kyc-verification-status only`);
    }
  }
  // The flags are still checked when --body is given too; the raw --body is what gets sent.
  const event = buildSendEvent(webhook.name, {
    status: values.status ?? webhook.statuses[0] ?? '',
    externalUserId: values['user-id'] ?? randomUserId(),
    attemptStatus: values['attempt-status'],
    rejectionReason: values['rejection-reason'],
  });
  const body = values.body ?? JSON.stringify(event);
  const secret = values['no-auth'] === true ? null : resolveSecret(values.secret, io.env);
  if (values['no-auth'] === true && values.secret !== undefined) throw new CliUsageError('--no-auth and --secret cannot be combined');
  if (values['retry-scale'] !== undefined && values.retry !== true) throw new CliUsageError('--retry-scale needs --retry');
  const scale = values['retry-scale'] === undefined ? 1 : parseNumberOption('--retry-scale', values['retry-scale'], { min: 0, max: 1000 });
  const timeoutMs = values.timeout === undefined ? 30_000 : parseNumberOption('--timeout', values.timeout, { min: 1, max: 600_000, integer: true });
  if (values.secret !== undefined) io.setTitle(titleWithoutSecret('send', args));

  const paint = createPaint(io);
  const delays = values.retry === true ? P100_RETRY_DELAYS_MS.map((delay) => delay * scale) : [];
  const total = delays.length + 1;
  io.stdout.write(`${paint('bold', 'POST')} ${url.href}  ${paint('dim', oneLine(body))}\n`);
  // Ctrl-C (or SIGTERM) ends the pending attempt or pause at once, with a summary line.
  const stop = new AbortController();
  let stoppedBy: string | undefined;
  void io.stopSignal().then((signal) => {
    stoppedBy = signal;
    stop.abort();
  });
  let attempts = 0;
  const options: SendPoaWebhookOptions = {
    secret,
    timeoutMs,
    retry: values.retry === true ? { scale } : false,
    signal: stop.signal,
    onAttempt: (attempt) => {
      attempts = attempt.attempt;
      io.stdout.write(`${formatAttempt(attempt, total, url, paint)}\n`);
      const delay = delays[attempt.attempt - 1];
      if (!attempt.ok && delay !== undefined) io.stdout.write(`${paint('dim', `  retrying in ${formatDuration(delay)}`)}\n`);
    },
  };
  const count = (n: number): string => `${n} attempt${n === 1 ? '' : 's'}`;
  let report: PoaDeliveryReport;
  try {
    report = await sendPoaWebhook(url, body, options);
  } catch (error) {
    if (stoppedBy === undefined) throw error;
    io.stdout.write(`${paint('red', 'not delivered')} (stopped by ${stoppedBy} after ${count(attempts)})\n`);
    return exitCodeForSignal(stoppedBy);
  }
  io.stdout.write(
    report.ok ? `${paint('green', 'delivered')} (${count(report.attempts.length)})\n` : `${paint('red', 'not delivered')} (${count(report.attempts.length)}, no 2xx answer)\n`,
  );
  return report.ok ? 0 : 1;
}
