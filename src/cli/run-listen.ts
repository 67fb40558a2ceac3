import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeHandler } from '../node/create-node-handler.ts';
import type { CliIo } from './cli-io.ts';
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

/**
 * `p100-webhooks listen`: a receiver on 127.0.0.1 built on `createNodeHandler`, printing one line
 * per delivery, until SIGINT or SIGTERM.
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
  const secret = resolveSecret(values.secret, io.env);
  if (values.secret !== undefined) io.setTitle(titleWithoutSecret('listen', args));
  const paint = createPaint(io);

  // Each delivery runs in its own store, so the handlers' callbacks find the record of their request.
  const current = new AsyncLocalStorage<DeliveryRecord>();
  const handler = createNodeHandler({
    secret,
    ...(path === undefined ? {} : { path }),
    onEvent: (event) => {
      const record = current.getStore();
      if (record !== undefined) record.event = event;
    },
    onError: (error) => {
      const record = current.getStore();
      if (record !== undefined) record.error = error;
    },
  });
  let deliveries = 0;
  const server = createServer((req, res) => {
    const record: DeliveryRecord = { receivedAt: new Date(), method: req.method ?? '', url: req.url ?? '/', status: 0 };
    void current.run(record, async () => {
      await handler(req, res);
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
  const url = `http://${HOST}:${actual}${path ?? '/webhook/poa-verification/status'}`;
  io.stdout.write(`${paint('bold', 'Listening on')} ${paint('cyan', url)}${path === undefined ? paint('dim', '  (any path)') : ''}\n`);
  io.stdout.write(`${paint('dim', `Try: npx p100-webhooks send --url ${url} --status APPROVED   (same secret; Ctrl-C to stop)`)}\n`);

  const signal = await io.stopSignal();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  io.stdout.write(`Stopped (${signal}) after ${deliveries} deliver${deliveries === 1 ? 'y' : 'ies'}.\n`);
  return exitCodeForSignal(signal);
}
