import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoaVerificationEvent, sendPoaWebhook } from '../../src/testing.ts';
import { type BuiltCli, buildCli, cliEnv, runCli } from './support/build-cli.ts';
import { startListen } from './support/start-listen.ts';

const SECRET = 'cli-listen-secret';

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());

const CLOCK = '\\d\\d:\\d\\d:\\d\\d\\.\\d{3}';
const PATH = '/webhook/poa-verification/status';

describe('p100-webhooks listen', () => {
  it('should print the URL, one line per delivery, and stop cleanly on SIGINT with exit code 130', async () => {
    const listening = await startListen(cli, ['--port', '0', '--secret', SECRET]);
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/poa-verification\/status$/);
    const deliveries = [
      { body: createPoaVerificationEvent({ status: 'WAITING', externalUserId: 'u-waiting' }), secret: SECRET, status: 200 },
      { body: createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'u-approved' }), secret: SECRET, status: 200 },
      { body: createPoaVerificationEvent({ status: 'REJECTED', externalUserId: 'u-rejected' }), secret: SECRET, status: 200 },
      { body: createPoaVerificationEvent({ status: 'QUESTIONED', externalUserId: 'u-questioned' }), secret: SECRET, status: 200 },
      { body: createPoaVerificationEvent(), secret: null, status: 401 },
      { body: '{"externalUserId":', secret: SECRET, status: 400 },
      { body: '{"externalUserId":"u-x","status":"ARCHIVED"}', secret: SECRET, status: 400 },
      { body: '{"externalUserId":7,"status":"APPROVED"}', secret: SECRET, status: 400 },
    ] as const;
    for (const { body, secret, status } of deliveries) {
      const report = await sendPoaWebhook(listening.url, body, { secret });
      expect(report.status).toBe(status);
    }
    const lines = await listening.deliveryLines(deliveries.length);
    const line = (rest: string): RegExp => new RegExp(`^${CLOCK}  POST ${PATH}  ${rest}$`);
    expect(lines).toEqual([
      expect.stringMatching(line('200 accepted  WAITING  externalUserId="u-waiting"')),
      expect.stringMatching(line('200 accepted  APPROVED  externalUserId="u-approved"')),
      expect.stringMatching(line('200 accepted  REJECTED  externalUserId="u-rejected"')),
      expect.stringMatching(line('200 accepted  QUESTIONED  externalUserId="u-questioned"')),
      expect.stringMatching(line('401 rejected  UNAUTHORIZED  .+')),
      expect.stringMatching(line('400 rejected  INVALID_JSON  .+')),
      expect.stringMatching(line('400 rejected  UNKNOWN_STATUS  .*ARCHIVED.*')),
      expect.stringMatching(line('400 rejected  INVALID_PAYLOAD  externalUserId: .+')),
    ]);
    const { code, stdout, stderr } = await listening.stop('SIGINT');
    expect(code).toBe(130);
    expect(stderr).toBe('');
    expect(stdout).toContain(`\nTry: npx p100-webhooks send --url ${listening.url} --status APPROVED   (same secret; Ctrl-C to stop)\n`);
    expect(stdout).toContain('Stopped (SIGINT) after 8 deliveries.');
    expect(stdout).not.toContain(SECRET);
    expect(stdout).not.toContain('\u001b[');
  });

  it('should stop cleanly on SIGTERM with exit code 143, with open keep-alive connections', async () => {
    const listening = await startListen(cli, ['--port', '0'], cliEnv({ P100_WEBHOOK_SECRET: SECRET }));
    const report = await sendPoaWebhook(listening.url, createPoaVerificationEvent(), { secret: SECRET });
    expect(report.ok).toBe(true);
    const { code, stdout } = await listening.stop('SIGTERM');
    expect(code).toBe(143);
    expect(stdout).toContain('Stopped (SIGTERM) after 1 delivery.');
  });

  it('should accept only --path when given and answer 404 elsewhere', async () => {
    const listening = await startListen(cli, ['--port', '0', '--secret', SECRET, '--path', '/hooks/p100']);
    expect(listening.url).toMatch(/\/hooks\/p100$/);
    const elsewhere = await sendPoaWebhook(new URL('/other', listening.url), createPoaVerificationEvent(), { secret: SECRET });
    const there = await sendPoaWebhook(listening.url, createPoaVerificationEvent({ externalUserId: 'u-1' }), { secret: SECRET });
    expect([elsewhere.status, there.status]).toEqual([404, 200]);
    const lines = await listening.deliveryLines(2);
    expect(lines[0]).toMatch(/POST \/other {2}404 rejected {2}NOT_FOUND/);
    expect(lines[1]).toMatch(/POST \/hooks\/p100 {2}200 accepted {2}WAITING {2}externalUserId="u-1"/);
    await listening.stop();
  });

  it('should accept any path without --path', async () => {
    const listening = await startListen(cli, ['--port', '0', '--secret', SECRET]);
    const report = await sendPoaWebhook(new URL('/anything/here', listening.url), createPoaVerificationEvent(), { secret: SECRET });
    expect(report.status).toBe(200);
    await listening.stop();
  });

  it('should colour lines with FORCE_COLOR, and never with NO_COLOR', async () => {
    for (const [env, coloured] of [[{ FORCE_COLOR: '1' }, true], [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false]] as const) {
      const listening = await startListen(cli, ['--port', '0', '--secret', SECRET], cliEnv(env));
      await sendPoaWebhook(listening.url, createPoaVerificationEvent({ status: 'APPROVED' }), { secret: SECRET });
      const [line] = await listening.deliveryLines(1);
      expect(line?.includes('\u001b[32m200 accepted\u001b[39m')).toBe(coloured);
      expect(listening.stdout().includes('\u001b[')).toBe(coloured);
      await listening.stop();
    }
  });

  it('should exit 1 with one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const run = await runCli(cli, ['listen', '--port', String(port), '--secret', SECRET]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`p100-webhooks: cannot listen on 127.0.0.1:${port}: the port is in use (try another --port, or 0 for a free one)\n`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
