import { createPoaVerificationEvent } from '../testing/create-poa-verification-event.ts';
import { P100_RETRY_DELAYS_MS } from '../testing/p100-retry-delays.ts';
import { sendPoaWebhook, type SendPoaWebhookOptions } from '../testing/send-poa-webhook.ts';
import type { CliIo } from './cli-io.ts';
import { CliUsageError } from './cli-usage-error.ts';
import { createPaint } from './colors.ts';
import { formatAttempt, formatDuration, oneLine } from './format-attempt.ts';
import { SEND_HELP } from './help-text.ts';
import { parseCliOptions } from './parse-cli-options.ts';
import { parseNumberOption } from './parse-number-option.ts';
import { parseStatusOption } from './parse-status-option.ts';
import { parseUrlOption } from './parse-url-option.ts';
import { resolveSecret } from './resolve-secret.ts';

function randomUserId(): string {
  return `test-user-${Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')}`;
}

/**
 * `p100-webhooks send`: delivers one webhook like P100 does and prints every attempt.
 *
 * @returns 0 when an attempt got a 2xx answer, 1 when none did.
 * @throws CliUsageError for bad flags or values.
 * @internal
 */
export async function runSend(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCliOptions('send', args, {
    url: { type: 'string' },
    status: { type: 'string' },
    'user-id': { type: 'string' },
    body: { type: 'string' },
    secret: { type: 'string' },
    'no-auth': { type: 'boolean' },
    retry: { type: 'boolean' },
    'retry-scale': { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(SEND_HELP);
    return 0;
  }
  if (values.url === undefined) throw new CliUsageError('missing --url (where to deliver, e.g. http://127.0.0.1:3000/webhook/poa-verification/status)');
  const url = parseUrlOption(values.url);
  if (values.body === undefined && values.status === undefined) {
    throw new CliUsageError('missing --status (WAITING, APPROVED, REJECTED or QUESTIONED) or --body');
  }
  if (values['user-id'] === '') throw new CliUsageError('--user-id must not be empty');
  // --status is still checked when --body is given too; the raw --body is what gets sent.
  const status = values.status === undefined ? undefined : parseStatusOption(values.status);
  const body =
    values.body ??
    JSON.stringify(createPoaVerificationEvent({ status: status ?? 'WAITING', externalUserId: values['user-id'] ?? randomUserId() }));
  const secret = values['no-auth'] === true ? null : resolveSecret(values.secret, io.env);
  if (values['no-auth'] === true && values.secret !== undefined) throw new CliUsageError('--no-auth and --secret cannot be combined');
  if (values['retry-scale'] !== undefined && values.retry !== true) throw new CliUsageError('--retry-scale needs --retry');
  const scale = values['retry-scale'] === undefined ? 1 : parseNumberOption('--retry-scale', values['retry-scale'], { min: 0, max: 1000 });
  const timeoutMs = values.timeout === undefined ? 30_000 : parseNumberOption('--timeout', values.timeout, { min: 1, max: 600_000, integer: true });

  const paint = createPaint(io);
  const delays = values.retry === true ? P100_RETRY_DELAYS_MS.map((delay) => delay * scale) : [];
  const total = delays.length + 1;
  io.stdout.write(`${paint('bold', 'POST')} ${url.href}  ${paint('dim', oneLine(body))}\n`);
  const options: SendPoaWebhookOptions = {
    secret,
    timeoutMs,
    retry: values.retry === true ? { scale } : false,
    onAttempt: (attempt) => {
      io.stdout.write(`${formatAttempt(attempt, total, paint)}\n`);
      const delay = delays[attempt.attempt - 1];
      if (!attempt.ok && delay !== undefined) io.stdout.write(`${paint('dim', `  retrying in ${formatDuration(delay)}`)}\n`);
    },
  };
  const report = await sendPoaWebhook(url, body, options);
  const count = `${report.attempts.length} attempt${report.attempts.length === 1 ? '' : 's'}`;
  io.stdout.write(report.ok ? `${paint('green', 'delivered')} (${count})\n` : `${paint('red', 'not delivered')} (${count}, no 2xx answer)\n`);
  return report.ok ? 0 : 1;
}
