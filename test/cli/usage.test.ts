import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTEN_OPTIONS } from '../../src/cli/listen-options.ts';
import { SEND_OPTIONS } from '../../src/cli/send-options.ts';
import { type BuiltCli, buildCli, cliEnv, runCli } from './support/build-cli.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const SECRET = 'never-print-this-secret';
const URL_OK = 'http://127.0.0.1:9/webhook/poa-verification/status';

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());

describe('p100-webhooks (built bin)', () => {
  it('should keep the shebang and be an ES module', () => {
    const text = readFileSync(cli.path, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text).not.toMatch(/\brequire\(/);
  });

  it.each([['--version'], ['-v']])('should print the package version for %s', async (flag) => {
    const run = await runCli(cli, [flag]);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    { args: ['--help'], expected: /Usage:\n {2}p100-webhooks send --url URL --status STATUS/ },
    { args: ['-h'], expected: /P100_WEBHOOK_SECRET/ },
    { args: ['help'], expected: /Commands:/ },
    { args: ['send', '--help'], expected: /Usage: p100-webhooks send --url URL[\s\S]*--retry-scale F/ },
    { args: ['listen', '-h'], expected: /Usage: p100-webhooks listen[\s\S]*--port N/ },
  ])('should print help for $args and exit 0', async ({ args, expected }) => {
    const run = await runCli(cli, args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(expected);
    expect(run.stderr).toBe('');
  });

  /** `--name` and `-s` of every option a command's parser accepts. */
  const flagsOf = (options: Record<string, { type: string; short?: string }>): string[] =>
    Object.entries(options).flatMap(([name, { short }]) => [`--${name}`, ...(short === undefined ? [] : [`-${short}`])]);
  const mentions = (help: string, flag: string): boolean => new RegExp(`(^|[\\s\\[(|,])${flag}(?![\\w-])`, 'm').test(help);

  it.each([
    { command: 'send', flags: flagsOf(SEND_OPTIONS) },
    { command: 'listen', flags: flagsOf(LISTEN_OPTIONS) },
  ])('should list every flag the $command parser accepts in --help and in $command --help', async ({ command, flags }) => {
    const main = await runCli(cli, ['--help']);
    const own = await runCli(cli, [command, '--help']);
    const missing = (help: string): string[] => flags.filter((flag) => !['--help', '-h'].includes(flag) && !mentions(help, flag));
    expect(missing(main.stdout)).toEqual([]);
    expect(flags.filter((flag) => !mentions(own.stdout, flag))).toEqual([]);
    for (const flag of ['--help', '-h', '--version', '-v']) expect(mentions(main.stdout, flag)).toBe(true);
  });

  /** The rows of the "Exit codes:" table in a help text. */
  const exitCodesIn = (help: string): string[] => [...(help.split('Exit codes:\n')[1] ?? '').matchAll(/^ {2}(\d+) {2,}(.+)$/gm)].map((m) => m[1] ?? '');

  it.each([[['--help']], [['send', '--help']], [['listen', '--help']]])('should document every exit code in %j', async (args) => {
    const run = await runCli(cli, args);
    expect(exitCodesIn(run.stdout)).toEqual(['0', '1', '2', '130', '143']);
  });

  it('should document the same exit codes in the CLI section of docs/testing.md', async () => {
    const run = await runCli(cli, ['--help']);
    const guide = readFileSync(new URL('../../docs/testing.md', import.meta.url), 'utf8');
    const cliSection = guide.slice(guide.indexOf('## The CLI'));
    const rows = [...cliSection.matchAll(/^\| `(\d+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(exitCodesIn(run.stdout));
  });

  it.each([
    { value: 'localhost:3000/x', meant: 'http://localhost:3000/x' },
    { value: '127.0.0.1:3000/webhook/poa-verification/status', meant: 'http://127.0.0.1:3000/webhook/poa-verification/status' },
    { value: '[::1]:3000/x', meant: 'http://[::1]:3000/x' },
    { value: 'localhost', meant: 'http://localhost' },
    { value: 'partner.example.com/webhook/poa-verification/status', meant: 'https://partner.example.com/webhook/poa-verification/status' },
  ])('should say the scheme is missing from --url $value and suggest $meant', async ({ value, meant }) => {
    const run = await runCli(cli, ['send', '--url', value, '--status', 'APPROVED', '--secret', SECRET]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`p100-webhooks: bad --url ${JSON.stringify(value)}: the scheme is missing; did you mean ${meant}?\n`);
  });

  it.each([
    { args: [], error: 'missing command: send, listen or inbox' },
    { args: ['frobnicate'], error: 'unknown command "frobnicate"' },
    { args: ['--bogus'], error: 'unknown option --bogus' },
    { args: ['send', '--bogus'], error: 'unknown option --bogus for "send"' },
    { args: ['send', 'extra'], error: 'unexpected argument "extra" for "send"' },
    { args: ['send', '--url'], error: 'option --url needs a value' },
    { args: ['send', '--retry=yes', '--url', URL_OK], error: 'option --retry takes no value' },
    { args: ['send', '--status', 'APPROVED', '--secret', SECRET], error: 'missing --url' },
    { args: ['send', '--url', 'not a url', '--status', 'APPROVED', '--secret', SECRET], error: 'bad --url "not a url"' },
    { args: ['send', '--url', '/relative', '--status', 'APPROVED', '--secret', SECRET], error: 'bad --url "/relative"' },
    { args: ['send', '--url', 'ftp://127.0.0.1/x', '--status', 'APPROVED', '--secret', SECRET], error: 'only http: and https:' },
    { args: ['send', '--url', 'mailto:ops@example.com', '--status', 'APPROVED', '--secret', SECRET], error: 'only http: and https:' },
    { args: ['send', '--url', 'webhook', '--status', 'APPROVED', '--secret', SECRET], error: 'expected an absolute http(s) URL' },
    { args: ['send', '--url', URL_OK, '--status', 'ARCHIVED', '--secret', SECRET], error: 'bad --status "ARCHIVED": use one of WAITING, APPROVED, REJECTED, QUESTIONED' },
    { args: ['send', '--url', URL_OK, '--status', '', '--secret', SECRET], error: 'bad --status ""' },
    { args: ['send', '--url', URL_OK, '--secret', SECRET], error: 'missing --status' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED'], error: 'missing secret: pass --secret or set P100_WEBHOOK_SECRET' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', ''], error: '--secret must not be empty' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--user-id', '', '--secret', SECRET], error: '--user-id must not be empty' },
    { args: ['send', '--url', URL_OK, '--status', 'ARCHIVED', '--body', '{}', '--secret', SECRET], error: 'bad --status "ARCHIVED"' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', ' padded'], error: '--secret must not start or end with white space' },
    { args: ['listen', '--port', '0', '--secret', 'padded '], error: '--secret must not start or end with white space' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', `${SECRET} x`], error: '--secret must be visible ASCII (! to ~, no spaces)' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', `${SECRET}é`], error: '--secret must be visible ASCII (! to ~, no spaces)' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', `${SECRET}\u0007`], error: '--secret must be visible ASCII (! to ~, no spaces)' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', `${SECRET}\u00a0x`], error: '--secret must be visible ASCII (! to ~, no spaces)' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', `${SECRET}\u202e`], error: '--secret must be visible ASCII (! to ~, no spaces)' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--no-auth', '--secret', SECRET], error: '--no-auth and --secret' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', SECRET, '--retry-scale', '0.1'], error: '--retry-scale needs --retry' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', SECRET, '--retry', '--retry-scale', 'fast'], error: 'bad --retry-scale "fast"' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', SECRET, '--timeout', '-5'], error: 'option --timeout needs a value; for one starting with "-", write --timeout=-…' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', SECRET, '--timeout=-5'], error: 'bad --timeout "-5"' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--secret', SECRET, '--timeout', '1e9'], error: 'bad --timeout "1e9": expected an integer from 1 to 600000' },
    { args: ['send', '--url', URL_OK, '--webhook', 'crypto-deposit', '--status', 'ADDED', '--secret', SECRET], error: 'bad --webhook "crypto-deposit": use one of poa-verification-status, kyc-verification-status, kyc-file-added, user-status' },
    { args: ['send', '--url', URL_OK, '--webhook', '', '--status', 'ADDED', '--secret', SECRET], error: 'bad --webhook ""' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-verification-status', '--status', 'APPROVED', '--secret', SECRET], error: 'bad --status "APPROVED": use one of NOT_VERIFIED, VERIFIED, EXPIRED' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-verification-status', '--status', 'PENDING', '--secret', SECRET], error: 'bad --status "PENDING": use one of NOT_VERIFIED, VERIFIED, EXPIRED' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-verification-status', '--status', 'VERIFIED', '--attempt-status', 'DONE', '--secret', SECRET], error: 'bad --attempt-status "DONE": use one of PENDING, VERIFICATION, REJECTED_BY_PROVIDER, SUCCESSFUL' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-verification-status', '--status', 'VERIFIED', '--attempt-status', 'DONE', '--body', '{}', '--secret', SECRET], error: 'bad --attempt-status "DONE"' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-file-added', '--status', 'APPROVED', '--secret', SECRET], error: 'bad --status "APPROVED": use one of ADDED, ERROR' },
    { args: ['send', '--url', URL_OK, '--webhook', 'user-status', '--status', 'APPROVED', '--secret', SECRET], error: 'bad --status "APPROVED": use one of ACTIVE' },
    { args: ['send', '--url', URL_OK, '--webhook', 'user-status', '--secret', SECRET], error: 'missing --status (ACTIVE) or --body' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-file-added', '--secret', SECRET], error: 'missing --status (ADDED or ERROR) or --body' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-verification-status', '--secret', SECRET], error: 'missing --status (NOT_VERIFIED, VERIFIED or EXPIRED) or --body' },
    { args: ['send', '--webhook', 'kyc-file-added', '--status', 'ADDED', '--secret', SECRET], error: 'missing --url (where to deliver, e.g. http://127.0.0.1:3000/webhook/kyc/file-added)' },
    { args: ['send', '--url', URL_OK, '--status', 'APPROVED', '--attempt-status', 'PENDING', '--secret', SECRET], error: '--attempt-status is for --webhook kyc-verification-status only' },
    { args: ['send', '--url', URL_OK, '--webhook', 'kyc-file-added', '--status', 'ERROR', '--rejection-reason', 'BLURRY', '--secret', SECRET], error: '--rejection-reason is for --webhook kyc-verification-status only' },
    { args: ['listen', '--path', '/webhook/kyc/file-added/', '--secret', SECRET], error: 'bad --path "/webhook/kyc/file-added/": kyc-file-added is served there' },
    { args: ['listen', '--path', '/webhook/user/status', '--secret', SECRET], error: 'bad --path "/webhook/user/status": user-status is served there' },
    { args: ['listen', '--bogus'], error: 'unknown option --bogus for "listen"' },
    { args: ['listen', '--port', '70000', '--secret', SECRET], error: 'bad --port "70000": expected an integer from 0 to 65535' },
    { args: ['listen', '--port', '80.5', '--secret', SECRET], error: 'bad --port "80.5"' },
    { args: ['listen', '--port', 'http', '--secret', SECRET], error: 'bad --port "http"' },
    { args: ['listen', '--path', 'webhook', '--secret', SECRET], error: 'bad --path "webhook"' },
    { args: ['listen', '--port', '0'], error: 'missing secret' },
  ])('should exit 2 with one line on stderr for $args', async ({ args, error }) => {
    const run = await runCli(cli, args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^p100-webhooks: /);
    expect(run.stderr).toContain(error);
    expect(run.stderr).not.toContain(SECRET);
  });

  it.each([`${SECRET} x`, `${SECRET}ü`, `${SECRET}\tx`, `${SECRET}\u{1f511}`])('should refuse P100_WEBHOOK_SECRET=%j as not visible ASCII and exit 2', async (secret) => {
    const run = await runCli(cli, ['send', '--url', URL_OK, '--status', 'APPROVED'], cliEnv({ P100_WEBHOOK_SECRET: secret }));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('p100-webhooks: P100_WEBHOOK_SECRET must be visible ASCII (! to ~, no spaces)\n');
  });

  it('should count an empty P100_WEBHOOK_SECRET as missing', async () => {
    const run = await runCli(cli, ['send', '--url', URL_OK, '--status', 'WAITING'], cliEnv({ P100_WEBHOOK_SECRET: '' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing secret');
  });
});
