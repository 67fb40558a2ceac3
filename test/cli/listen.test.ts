import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKycFileAddedEvent,
  createKycVerificationStatusEvent,
  createPoaVerificationEvent,
  createUserStatusEvent,
  sendPoaWebhook,
} from '../../src/testing.ts';
import { type BuiltCli, buildCli, cliEnv, readCmdline, runCli } from './support/build-cli.ts';
import { type ListeningCli, startListen } from './support/start-listen.ts';

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

  it.skipIf(process.platform !== 'linux').each([
    { description: '--secret S', args: ['--secret', SECRET], shown: '--secret ***' },
    { description: '--secret=S', args: [`--secret=${SECRET}`], shown: '--secret=***' },
  ])('should hide $description from its arguments in ps (/proc/<pid>/cmdline) while it runs', async ({ args, shown }) => {
    const listening = await startListen(cli, ['--port', '0', ...args]);
    try {
      const cmdline = readCmdline(listening.pid);
      expect(cmdline).not.toContain(SECRET);
      expect(cmdline).toBe(`p100-webhooks listen --port 0 ${shown}`);
    } finally {
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

/** The `  name  URL  (note)` lines `listen` prints at start, by webhook name. */
function webhookUrls(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^ {2}([a-z-]+) +(http:\/\/\S+) +\((.+)\)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('p100-webhooks listen (every webhook)', () => {
  let listening: ListeningCli;
  let urls: Record<string, string>;
  let printed = 0;
  beforeAll(async () => {
    listening = await startListen(cli, ['--port', '0', '--secret', SECRET]);
    urls = webhookUrls(listening.stdout());
  });
  afterAll(() => listening.stop());

  it('should print each webhook, its URL and where its path comes from, at start', () => {
    const base = new URL(listening.url).origin;
    expect(urls).toEqual({
      'poa-verification-status': `${base}${PATH}`,
      'kyc-verification-status': `${base}/webhook/kyc/verification-status`,
      'kyc-file-added': `${base}/webhook/kyc/file-added`,
      'user-status': `${base}/webhook/user/status`,
    });
    const out = listening.stdout();
    expect(out).toMatch(/^ {2}poa-verification-status +\S+ +\(and any path not below\)$/m);
    expect(out).toMatch(/^ {2}kyc-verification-status +\S+ +\(the CLI's own path: P100 documents none\)$/m);
    expect(out).toMatch(/^ {2}kyc-file-added +\S+ +\(the CLI's own path: P100 documents none\)$/m);
    expect(out).toMatch(/^ {2}user-status +\S+ +\(the path P100's FAQ mentions\)$/m);
  });

  it.each([
    { webhook: 'poa-verification-status', body: createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'u-poa' }), secret: SECRET, status: 200, rest: '200 accepted  APPROVED  externalUserId="u-poa"' },
    {
      webhook: 'kyc-verification-status',
      body: createKycVerificationStatusEvent({ attemptStatus: 'REJECTED_BY_PROVIDER', rejectionReason: 'NO_FACE_FOUND', externalUserId: 'u-kyc' }),
      secret: SECRET,
      status: 200,
      rest: '200 accepted  kyc-verification-status  NOT_VERIFIED  attemptStatus=REJECTED_BY_PROVIDER  rejectionReason="NO_FACE_FOUND"  externalUserId="u-kyc"',
    },
    {
      webhook: 'kyc-verification-status',
      body: createKycVerificationStatusEvent({ verificationStatus: 'VERIFIED', rejectionReason: null, externalUserId: 'u-kyc' }),
      secret: SECRET,
      status: 200,
      rest: '200 accepted  kyc-verification-status  VERIFIED  attemptStatus=SUCCESSFUL  rejectionReason=null  externalUserId="u-kyc"',
    },
    { webhook: 'kyc-verification-status', body: createKycVerificationStatusEvent({ verificationStatus: 'EXPIRED', externalUserId: 'u-kyc' }), secret: SECRET, status: 200, rest: '200 accepted  kyc-verification-status  EXPIRED  attemptStatus=SUCCESSFUL  externalUserId="u-kyc"' },
    { webhook: 'kyc-file-added', body: createKycFileAddedEvent({ status: 'ERROR', externalUserId: 'u-file' }), secret: SECRET, status: 200, rest: '200 accepted  kyc-file-added  ERROR  externalUserId="u-file"' },
    { webhook: 'user-status', body: createUserStatusEvent({ externalUserId: 'u-user' }), secret: SECRET, status: 200, rest: '200 accepted  user-status  ACTIVE  externalUserId="u-user"' },
    { webhook: 'kyc-file-added', body: createKycFileAddedEvent(), secret: null, status: 401, rest: '401 rejected  kyc-file-added  UNAUTHORIZED  .+' },
    { webhook: 'user-status', body: '{"externalUserId":"u-user","status":"BLOCKED"}', secret: SECRET, status: 400, rest: '400 rejected  user-status  UNKNOWN_STATUS  .*BLOCKED.*' },
    { webhook: 'kyc-verification-status', body: '{"externalUserId":"u","verificationStatus":"VERIFIED"}', secret: SECRET, status: 400, rest: '400 rejected  kyc-verification-status  INVALID_PAYLOAD  attemptStatus: .+' },
    { webhook: 'kyc-file-added', body: createPoaVerificationEvent({ status: 'APPROVED' }), secret: SECRET, status: 400, rest: '400 rejected  kyc-file-added  UNKNOWN_STATUS  .*APPROVED.*' },
  ] as const)('should route a delivery to $webhook ($status) and print it with the webhook name', async ({ webhook, body, secret, status, rest }) => {
    const url = urls[webhook] ?? '';
    const report = await sendPoaWebhook(url, body, { secret });
    expect(report.status).toBe(status);
    printed += 1;
    const line = (await listening.deliveryLines(printed))[printed - 1] ?? '';
    expect(line).toMatch(new RegExp(`^${CLOCK}  POST ${new URL(url).pathname}  ${rest}$`));
  });

  it('should escape control characters of a KYC rejectionReason', async () => {
    const body = createKycVerificationStatusEvent({ attemptStatus: 'REJECTED_BY_PROVIDER', rejectionReason: 'a\u001b[2J\u202eb' });
    expect((await sendPoaWebhook(urls['kyc-verification-status'] ?? '', body, { secret: SECRET })).status).toBe(200);
    printed += 1;
    const line = (await listening.deliveryLines(printed))[printed - 1] ?? '';
    expect(line).not.toMatch(TERMINAL_CONTROL);
    expect(line).toContain('rejectionReason="a\\u001b[2J\\u202eb"');
  });
});

describe('p100-webhooks listen --path (every webhook)', () => {
  it('should serve POA on --path only and the other webhooks at their own paths still', async () => {
    const listening = await startListen(cli, ['--port', '0', '--secret', SECRET, '--path', '/hooks/p100']);
    try {
      const urls = webhookUrls(listening.stdout());
      expect(urls['poa-verification-status']).toBe(listening.url);
      expect(listening.stdout()).toMatch(/^ {2}poa-verification-status +\S+ +\(--path\)$/m);
      const answers = [
        await sendPoaWebhook(new URL(PATH, listening.url), createPoaVerificationEvent(), { secret: SECRET }),
        await sendPoaWebhook(urls['kyc-file-added'] ?? '', createKycFileAddedEvent({ externalUserId: 'u-1' }), { secret: SECRET }),
        await sendPoaWebhook(listening.url, createPoaVerificationEvent({ externalUserId: 'u-2' }), { secret: SECRET }),
      ];
      expect(answers.map((a) => a.status)).toEqual([404, 200, 200]);
      const lines = await listening.deliveryLines(3);
      expect(lines[0]).toMatch(/POST \/webhook\/poa-verification\/status {2}404 rejected {2}NOT_FOUND/);
      expect(lines[1]).toMatch(/POST \/webhook\/kyc\/file-added {2}200 accepted {2}kyc-file-added {2}ADDED {2}externalUserId="u-1"$/);
      expect(lines[2]).toMatch(/POST \/hooks\/p100 {2}200 accepted {2}WAITING {2}externalUserId="u-2"$/);
    } finally {
      await listening.stop();
    }
  });
});

/** What a terminal would act on instead of showing: C0, DEL and C1 controls, bidi marks, embeddings, overrides and isolates, line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('p100-webhooks listen (hostile payloads)', () => {
  let listening: ListeningCli;
  let printed = 0;
  beforeAll(async () => {
    listening = await startListen(cli, ['--port', '0', '--secret', SECRET]);
  });
  afterAll(() => listening.stop());

  const id = (externalUserId: string): string => JSON.stringify({ externalUserId, status: 'APPROVED' });
  const status = (value: string): string => JSON.stringify({ externalUserId: 'u-1', status: value });
  it.each([
    { description: 'ESC [2J (clear screen) in externalUserId', body: id('a\u001b[2Jb'), escaped: 'a\\u001b[2Jb' },
    { description: 'CR in externalUserId', body: id('evil\rgood'), escaped: 'evil\\rgood' },
    { description: 'BEL in externalUserId', body: id('a\u0007b'), escaped: 'a\\u0007b' },
    { description: 'DEL in externalUserId', body: id('a\u007fb'), escaped: 'a\\u007fb' },
    { description: 'C1 CSI in externalUserId', body: id('a\u009b2Jb'), escaped: 'a\\u009b2Jb' },
    { description: 'C1 NEL in externalUserId', body: id('a\u0085b'), escaped: 'a\\u0085b' },
    { description: 'RLO (U+202E) in externalUserId', body: id('user-\u202e24-resu'), escaped: 'user-\\u202e24-resu' },
    { description: 'LRE (U+202A) and PDF (U+202C) in externalUserId', body: id('\u202aa\u202c'), escaped: '\\u202aa\\u202c' },
    { description: 'LRI and PDI (U+2066, U+2069) in externalUserId', body: id('\u2066a\u2069'), escaped: '\\u2066a\\u2069' },
    { description: 'RLI and FSI (U+2067, U+2068) in externalUserId', body: id('\u2067\u2068a'), escaped: '\\u2067\\u2068a' },
    { description: 'LRM and RLM (U+200E, U+200F) in externalUserId', body: id('\u200ea\u200f'), escaped: '\\u200ea\\u200f' },
    { description: 'ALM (U+061C) in externalUserId', body: id('a\u061cb'), escaped: 'a\\u061cb' },
    { description: 'LINE SEPARATOR (U+2028) in externalUserId', body: id('a\u2028b'), escaped: 'a\\u2028b' },
    { description: 'RLO in an unknown status', body: status('\u202eDEVORPPA'), escaped: '"\\u202eDEVORPPA"' },
    { description: 'C1 CSI in an unknown status', body: status('\u009b2J'), escaped: '"\\u009b2J"' },
  ])('should print $description as visible escapes, no raw control character', async ({ body, escaped }) => {
    const report = await sendPoaWebhook(listening.url, body, { secret: SECRET });
    expect(report.status).toBeLessThan(500);
    printed += 1;
    const line = (await listening.deliveryLines(printed))[printed - 1] ?? '';
    expect(line).toMatch(new RegExp(`^${CLOCK}  POST ${PATH}  `));
    expect(line).not.toMatch(TERMINAL_CONTROL);
    expect(line).toContain(escaped);
  });
});
