import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchPoaWebhookPath } from '../core/match-poa-webhook-path.ts';
import { createNodeHandler } from '../node/create-node-handler.ts';
import type { CliIo } from './cli-io.ts';
import { CLI_WEBHOOKS } from './cli-webhooks.ts';
import { createPaint } from './colors.ts';
import { exitCodeForSignal } from './exit-code-for-signal.ts';
import { type DeliveryRecord, formatDeliveryLine } from './format-delivery-line.ts';
import { LISTEN_HELP } from './help-text.ts';
import { LISTEN_OPTIONS } from './listen-options.ts';
import { parseCliOptions } from './parse-cli-options.ts';
import { parseNumberOption } from './parse-number-option.ts';
import { resolveSecret } from './resolve-secret.ts';
import { CliUsageError } from './cli-usage-error.ts';
import { titleWithoutSecret } from './title-without-secret.ts';

const HOST = '127.0.0.1';

/** The webhooks served at a path of their own, beside POA (which takes any other path, or `--path`). */
const ROUTED = CLI_WEBHOOKS.filter((webhook) => webhook.name !== 'poa-verification-status');

/**
 * `p100-webhooks listen`: a receiver on 127.0.0.1 built on `createNodeHandler`, for every webhook
 * the CLI knows (KYC Verification Status, KYC File Added and User status routed by path, POA on any
 * other path or on `--path`), printing one line per delivery, until SIGINT or SIGTERM.
 *
 * @returns 130 or 143 after a clean stop by SIGINT or SIGTERM, 1 when the port cannot be listened on.
 * @throws CliUsageError for bad flags or values.
 * @internal
 */
export async function runListen(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCliOptions('listen', args, LISTEN_OPTIONS);
  if (values.help === true) {
    io.stdout.write(LISTEN_HELP);
    return 0;
  }
  const port = values.port === undefined ? 3000 : parseNumberOption('--port', values.port, { min: 0, max: 65535, integer: true });
  const { path } = values;
  if (path !== undefined && !path.startsWith('/')) throw new CliUsageError(`bad --path ${JSON.stringify(path)}: it must start with "/"`);
  const taken = path === undefined ? undefined : ROUTED.find((webhook) => matchPoaWebhookPath(path, webhook.path));
  if (taken !== undefined) throw new CliUsageError(`bad --path ${JSON.stringify(path)}: ${taken.name} is served there`);
  const secret = resolveSecret(values.secret, io.env);
  if (values.secret !== undefined) io.setTitle(titleWithoutSecret('listen', args));
  const paint = createPaint(io);

  // Each delivery runs in its own store, so the handlers' callbacks find the record of their request.
  const current = new AsyncLocalStorage<DeliveryRecord>();
  const onEvent = (event: NonNullable<DeliveryRecord['event']>): void => {
    const record = current.getStore();
    if (record !== undefined) record.event = event;
  };
  const onError = (error: NonNullable<DeliveryRecord['error']>): void => {
    const record = current.getStore();
    if (record !== undefined) record.error = error;
  };
  const [kycVerification, kycFile, user] = ROUTED.map((webhook) => webhook.path) as [string, string, string];
  // One handler routing the three by path; a path none of them serves goes on (next) to POA's own.
  const routed = createNodeHandler({
    secret,
    onError,
    webhooks: {
      kycVerificationStatus: { path: kycVerification, onEvent },
      kycFileAdded: { path: kycFile, onEvent },
      userStatus: { path: user, onEvent },
    },
  });
  const poa = createNodeHandler({ secret, ...(path === undefined ? {} : { path }), onEvent, onError });
  let deliveries = 0;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const webhook = ROUTED.find((candidate) => matchPoaWebhookPath(url, candidate.path))?.name ?? 'poa-verification-status';
    const record: DeliveryRecord = { receivedAt: new Date(), method: req.method ?? '', url, webhook, status: 0 };
    void current.run(record, async () => {
      let fallback: Promise<void> | undefined;
      await routed(req, res, () => {
        fallback = poa(req, res);
      });
      await fallback;
      record.status = res.statusCode;
      deliveries += 1;
      io.stdout.write(`${formatDeliveryLine(record, paint)}\n`);
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'EADDRINUSE' ? 'the port is in use (try another --port, or 0 for a free one)' : error instanceof Error ? error.message : String(error);
    io.stderr.write(`p100-webhooks: cannot listen on ${HOST}:${port}: ${reason}\n`);
    return 1;
  }

  const { port: actual } = server.address() as AddressInfo;
  const base = `http://${HOST}:${actual}`;
  const url = `${base}${path ?? '/webhook/poa-verification/status'}`;
  io.stdout.write(`${paint('bold', 'Listening on')} ${paint('cyan', url)}${path === undefined ? paint('dim', '  (any path)') : ''}\n`);
  // One line per webhook: name, URL, where its path comes from.
  const rows = [
    { name: 'poa-verification-status', url, note: path === undefined ? 'and any path not below' : '--path' },
    ...ROUTED.map((webhook) => ({ name: webhook.name, url: `${base}${webhook.path}`, note: webhook.pathNote })),
  ];
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const urlWidth = Math.max(...rows.map((row) => row.url.length));
  for (const row of rows) io.stdout.write(`  ${row.name.padEnd(nameWidth)}  ${row.url.padEnd(urlWidth)}${paint('dim', `  (${row.note})`)}\n`);
  io.stdout.write(`${paint('dim', `Try: npx p100-webhooks send --url ${url} --status APPROVED   (same secret; Ctrl-C to stop)`)}\n`);

  const signal = await io.stopSignal();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  io.stdout.write(`Stopped (${signal}) after ${deliveries} deliver${deliveries === 1 ? 'y' : 'ies'}.\n`);
  return exitCodeForSignal(signal);
}
