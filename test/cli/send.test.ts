import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { P100WebhooksOptions, PoaVerificationEvent } from '../../src/index.ts';
import { createNodeHandler } from '../../src/node.ts';
import { listenOnLoopback, type RunningServer } from '../support/adapters.ts';
import { type BuiltCli, buildCli, cliEnv, interruptCli, runCli } from './support/build-cli.ts';

const SECRET = 'cli-send-secret';
const PATH = '/webhook/poa-verification/status';

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A real createNodeHandler receiver on loopback, recording the events its handler got. */
async function receiver(): Promise<{ url: string; events: PoaVerificationEvent[] }> {
  const events: PoaVerificationEvent[] = [];
  const running = await listenOnLoopback(createServer(createNodeHandler({ secret: SECRET, onEvent: (event) => void events.push(event) })));
  servers.push(running);
  return { url: `http://127.0.0.1:${running.port}${PATH}`, events };
}

/** Where the routed receiver serves each webhook (the paths `listen` uses). */
const ROUTES = {
  poaVerificationStatus: PATH,
  kycVerificationStatus: '/webhook/kyc/verification-status',
  kycFileAdded: '/webhook/kyc/file-added',
  userStatus: '/webhook/user/status',
} as const;
type Route = keyof typeof ROUTES;

/** A real createNodeHandler receiver routing the four webhooks by path, recording which route got which event. */
async function routedReceiver(): Promise<{ url: (route: Route) => string; seen: [Route, unknown][] }> {
  const seen: [Route, unknown][] = [];
  const onEvent = (route: Route) => (event: unknown) => void seen.push([route, event]);
  const options: P100WebhooksOptions = {
    secret: SECRET,
    webhooks: {
      poaVerificationStatus: { onEvent: onEvent('poaVerificationStatus') },
      kycVerificationStatus: { path: ROUTES.kycVerificationStatus, onEvent: onEvent('kycVerificationStatus') },
      kycFileAdded: { path: ROUTES.kycFileAdded, onEvent: onEvent('kycFileAdded') },
      userStatus: { onEvent: onEvent('userStatus') },
    },
  };
  const running = await listenOnLoopback(createServer(createNodeHandler(options)));
  servers.push(running);
  return { url: (route) => `http://127.0.0.1:${running.port}${ROUTES[route]}`, seen };
}

/** A loopback server answering the n-th request with `status(n)`, recording what came. */
async function scripted(status: (n: number) => number): Promise<{ url: string; received: { headers: IncomingHttpHeaders; body: string }[] }> {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const running = await listenOnLoopback(
    createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        const code = status(received.length - 1);
        res.writeHead(code, { 'content-type': 'application/json' }).end(code === 200 ? '{}' : `{"error":{"code":"TRY_${received.length}"}}`);
      });
    }),
  );
  servers.push(running);
  return { url: `http://127.0.0.1:${running.port}${PATH}`, received };
}

const attemptLines = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('attempt '));

describe('p100-webhooks send', () => {
  it.each(['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED', 'questioned'])('should deliver --status %s and exit 0', async (status) => {
    const { url, events } = await receiver();
    const run = await runCli(cli, ['send', '--url', url, '--status', status, '--user-id', 'user-42', '--secret', SECRET]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(events).toEqual([{ externalUserId: 'user-42', status: status.toUpperCase() }]);
    expect(attemptLines(run.stdout)).toEqual([expect.stringMatching(/^attempt 1\/1 {2}200 OK {2}\d+(\.\d)? ms {2}\{\}$/)]);
    expect(run.stdout).toContain('delivered (1 attempt)');
    expect(run.stdout).not.toContain(SECRET);
  });

  it.each([
    { webhook: undefined, route: 'poaVerificationStatus', flags: ['--status', 'rejected'], event: { status: 'REJECTED' } },
    { webhook: 'poa-verification-status', route: 'poaVerificationStatus', flags: ['--status', 'QUESTIONED'], event: { status: 'QUESTIONED' } },
    { webhook: 'kyc-verification-status', route: 'kycVerificationStatus', flags: ['--status', 'NOT_VERIFIED'], event: { verificationStatus: 'NOT_VERIFIED', attemptStatus: 'PENDING' } },
    { webhook: 'kyc-verification-status', route: 'kycVerificationStatus', flags: ['--status', 'verified'], event: { verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL' } },
    { webhook: 'kyc-verification-status', route: 'kycVerificationStatus', flags: ['--status', 'EXPIRED', '--attempt-status', 'verification'], event: { verificationStatus: 'EXPIRED', attemptStatus: 'VERIFICATION' } },
    {
      webhook: 'kyc-verification-status',
      route: 'kycVerificationStatus',
      flags: ['--status', 'NOT_VERIFIED', '--rejection-reason', 'NO_FACE_FOUND'],
      event: { verificationStatus: 'NOT_VERIFIED', attemptStatus: 'REJECTED_BY_PROVIDER', rejectionReason: 'NO_FACE_FOUND' },
    },
    {
      webhook: 'kyc-verification-status',
      route: 'kycVerificationStatus',
      flags: ['--status', 'VERIFIED', '--attempt-status', 'SUCCESSFUL', '--rejection-reason', ''],
      event: { verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL', rejectionReason: '' },
    },
    { webhook: 'kyc-file-added', route: 'kycFileAdded', flags: ['--status', 'ADDED'], event: { status: 'ADDED' } },
    { webhook: 'KYC-FILE-ADDED', route: 'kycFileAdded', flags: ['--status', 'error'], event: { status: 'ERROR' } },
    { webhook: 'user-status', route: 'userStatus', flags: ['--status', 'active'], event: { status: 'ACTIVE' } },
  ] as const)('should deliver --webhook $webhook $flags to its route and exit 0', async ({ webhook, route, flags, event }) => {
    const { url, seen } = await routedReceiver();
    const args = ['send', '--url', url(route), ...(webhook === undefined ? [] : ['--webhook', webhook]), ...flags, '--user-id', 'user-42', '--secret', SECRET];
    const run = await runCli(cli, args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(seen).toEqual([[route, { externalUserId: 'user-42', ...event }]]);
    expect(run.stdout.split('\n')[0]).toBe(`POST ${url(route)}  ${JSON.stringify({ externalUserId: 'user-42', ...event })}`);
    expect(run.stdout).toContain('delivered (1 attempt)');
  });

  it.each([
    { description: 'a POA event at the User status route', args: ['--status', 'APPROVED'], route: 'userStatus', code: 'UNKNOWN_STATUS' },
    { description: 'a KYC File Added event at the POA route', args: ['--webhook', 'kyc-file-added', '--status', 'ADDED'], route: 'poaVerificationStatus', code: 'UNKNOWN_STATUS' },
    { description: 'a KYC Verification Status event at the KYC File Added route', args: ['--webhook', 'kyc-verification-status', '--status', 'VERIFIED'], route: 'kycFileAdded', code: 'INVALID_PAYLOAD' },
  ] as const)('should send $description as asked, and print its refusal (the path decides)', async ({ args, route, code }) => {
    const { url, seen } = await routedReceiver();
    const run = await runCli(cli, ['send', '--url', url(route), ...args, '--secret', SECRET]);
    expect(run.code).toBe(1);
    expect(attemptLines(run.stdout)[0]).toContain(`"code":"${code}"`);
    expect(seen).toEqual([]);
  });

  it('should send a raw --body to a KYC route as it is, the --webhook flags still checked', async () => {
    const { url, seen } = await routedReceiver();
    const body = '{"externalUserId":"u","verificationStatus":"ARCHIVED","attemptStatus":"PENDING"}';
    const run = await runCli(cli, ['send', '--url', url('kycVerificationStatus'), '--webhook', 'kyc-verification-status', '--attempt-status', 'PENDING', '--body', body, '--secret', SECRET]);
    expect(run.code).toBe(1);
    expect(attemptLines(run.stdout)[0]).toContain('"code":"UNKNOWN_STATUS"');
    expect(seen).toEqual([]);
  });

  it('should take the secret from P100_WEBHOOK_SECRET and pick a test user id', async () => {
    const { url, events } = await receiver();
    const run = await runCli(cli, ['send', '--url', url, '--status', 'APPROVED'], cliEnv({ P100_WEBHOOK_SECRET: SECRET }));
    expect(run.code).toBe(0);
    expect(events).toEqual([{ externalUserId: expect.stringMatching(/^test-user-[0-9a-f]{8}$/), status: 'APPROVED' }]);
  });

  it('should send like P100: POST, JSON content-type, Bearer token', async () => {
    const { url, received } = await scripted(() => 200);
    await runCli(cli, ['send', '--url', url, '--status', 'WAITING', '--user-id', 'u-1', '--secret', SECRET]);
    expect(received).toEqual([
      {
        headers: expect.objectContaining({ 'content-type': 'application/json', authorization: `Bearer ${SECRET}` }),
        body: '{"externalUserId":"u-1","status":"WAITING"}',
      },
    ]);
  });

  it.each([
    { description: 'a wrong secret', args: ['--status', 'APPROVED', '--secret', 'wrong'], status: 401, code: 'UNAUTHORIZED' },
    { description: '--no-auth', args: ['--status', 'APPROVED', '--no-auth'], status: 401, code: 'UNAUTHORIZED' },
    { description: 'a bad JSON --body', args: ['--body', '{"externalUserId":', '--secret', SECRET], status: 400, code: 'INVALID_JSON' },
    { description: 'an unknown status --body', args: ['--body', '{"externalUserId":"u","status":"ARCHIVED"}', '--secret', SECRET], status: 400, code: 'UNKNOWN_STATUS' },
    { description: 'a --body given with --status (the body is sent)', args: ['--status', 'APPROVED', '--body', '{"externalUserId":"u","status":"ARCHIVED"}', '--secret', SECRET], status: 400, code: 'UNKNOWN_STATUS' },
  ])('should print the refusal and exit 1 for $description', async ({ args, status, code }) => {
    const { url, events } = await receiver();
    const run = await runCli(cli, ['send', '--url', url, ...args]);
    expect(run.code).toBe(1);
    const [line] = attemptLines(run.stdout);
    expect(line).toMatch(new RegExp(`^attempt 1/1 {2}${status} `));
    expect(line).toContain(`"code":"${code}"`);
    expect(run.stdout).toContain('not delivered (1 attempt, no 2xx answer)');
    expect(events).toEqual([]);
  });

  it('should say that nothing listens at host:port when the connection is refused, and exit 1', async () => {
    const closed = await listenOnLoopback(createServer());
    await closed.close();
    const run = await runCli(cli, ['send', '--url', `http://127.0.0.1:${closed.port}/`, '--status', 'WAITING', '--secret', SECRET]);
    expect(run.code).toBe(1);
    const hint = `no answer: nothing is listening at 127.0.0.1:${closed.port} (ECONNREFUSED); is the receiver running?`;
    expect(attemptLines(run.stdout)).toEqual([expect.stringMatching(new RegExp(`^attempt 1/1 {2}${hint.replace(/[.?()]/g, '\\$&')} {2}\\d+(\\.\\d)? ms$`))]);
    expect(run.stdout).toContain('not delivered (1 attempt, no 2xx answer)');
  });

  it.each([
    { signal: 'SIGINT', code: 130 },
    { signal: 'SIGTERM', code: 143 },
  ] as const)('should stop retrying on $signal, say so, and exit $code', async ({ signal, code }) => {
    const { url, received } = await scripted(() => 503);
    const run = await interruptCli(cli, ['send', '--url', url, '--status', 'WAITING', '--secret', SECRET, '--retry'], { after: 'retrying in 8 s', signal });
    expect(run).toMatchObject({ code, signal: null, stderr: '' });
    expect(received).toHaveLength(1);
    expect(attemptLines(run.stdout)).toEqual([expect.stringMatching(/^attempt 1\/5 {2}503 /)]);
    expect(run.stdout.endsWith(`  retrying in 8 s\nnot delivered (stopped by ${signal} after 1 attempt)\n`)).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('should hide --secret from its arguments in ps (/proc/<pid>/cmdline) while it retries', async () => {
    const { url } = await scripted(() => 503);
    const run = await interruptCli(cli, ['send', '--url', url, '--status', 'WAITING', '--secret', SECRET, '--retry'], { after: 'retrying in 8 s', signal: 'SIGINT' });
    expect(run.code).toBe(130);
    expect(run.cmdline).not.toContain(SECRET);
    expect(run.cmdline).toBe(`p100-webhooks send --url ${url} --status WAITING --secret *** --retry`);
  });

  it('should print control and bidi characters of the answer as visible escapes', async () => {
    const running = await listenOnLoopback(
      createServer((req, res) => {
        req.resume().on('end', () => res.writeHead(500).end('{"error":"\u001b[2J\u009b\u0007\u202e\u2066oops\r"}'));
      }),
    );
    servers.push(running);
    const run = await runCli(cli, ['send', '--url', `http://127.0.0.1:${running.port}/`, '--status', 'WAITING', '--secret', SECRET]);
    const [line] = attemptLines(run.stdout);
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(line).toContain('{"error":"\\u001b[2J\\u009b\\u0007\\u202e\\u2066oops "}');
  });

  it('should retry on the scaled P100 schedule until a 2xx and exit 0', async () => {
    const { url, received } = await scripted((n) => (n < 2 ? 503 : 200));
    const run = await runCli(cli, ['send', '--url', url, '--status', 'REJECTED', '--secret', SECRET, '--retry', '--retry-scale', '0.001']);
    expect(run.code).toBe(0);
    expect(received).toHaveLength(3);
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('attempt ') || l.startsWith('  retrying'))).toEqual([
      expect.stringMatching(/^attempt 1\/5 {2}503 Service Unavailable .*"TRY_1"/),
      '  retrying in 8.0 ms',
      expect.stringMatching(/^attempt 2\/5 {2}503 Service Unavailable .*"TRY_2"/),
      '  retrying in 16 ms',
      expect.stringMatching(/^attempt 3\/5 {2}200 OK /),
    ]);
    expect(run.stdout).toContain('delivered (3 attempts)');
  });

  it('should give up after 5 attempts and exit 1', async () => {
    const { url, received } = await scripted(() => 500);
    const run = await runCli(cli, ['send', '--url', url, '--status', 'WAITING', '--secret', SECRET, '--retry', '--retry-scale', '0.0005']);
    expect(run.code).toBe(1);
    expect(received).toHaveLength(5);
    expect(attemptLines(run.stdout).map((l) => l.slice(0, 16))).toEqual(['attempt 1/5  500', 'attempt 2/5  500', 'attempt 3/5  500', 'attempt 4/5  500', 'attempt 5/5  500']);
    expect(run.stdout).toContain('not delivered (5 attempts, no 2xx answer)');
  });

  it('should not retry without --retry', async () => {
    const { url, received } = await scripted(() => 500);
    const run = await runCli(cli, ['send', '--url', url, '--status', 'WAITING', '--secret', SECRET]);
    expect(run.code).toBe(1);
    expect(received).toHaveLength(1);
  });

  it('should colour the status with FORCE_COLOR and not with NO_COLOR', async () => {
    const { url } = await receiver();
    const args = ['send', '--url', url, '--status', 'WAITING', '--secret', SECRET];
    const coloured = await runCli(cli, args, cliEnv({ FORCE_COLOR: '1' }));
    const plain = await runCli(cli, args, cliEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }));
    expect(coloured.stdout).toContain('\u001b[32m200 OK\u001b[39m');
    expect(plain.stdout).not.toContain('\u001b[');
  });
});
