/**
 * The module-scope one-liners of the guides, imported the way `next build` (collecting page data)
 * and a Lambda init import them: in a fresh Node process, from a real build of the package resolved
 * by its name, with P100_WEBHOOK_SECRET unset or set. The secret function makes the import safe and
 * every delivery without a secret a JSON 500 SECRET_NOT_CONFIGURED, reported once on stderr; the
 * eager `process.env.P100_WEBHOOK_SECRET ?? ''` form fails at import, which is why the function exists.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPackage, buildPackage } from '../cli/support/build-package.ts';

const SECRET = 'module-s3cret-5150';

const MODULES = {
  // app/webhook/poa-verification/status/route.ts of a Next.js app, compiled.
  'next-route.mjs': `import { createFetchHandler } from 'p100-webhooks/fetch';
export const POST = createFetchHandler({
  secret: () => process.env.P100_WEBHOOK_SECRET,
  onEvent: (event) => console.log('handled', event.status),
});
`,
  'next-route-eager.mjs': `import { createFetchHandler } from 'p100-webhooks/fetch';
export const POST = createFetchHandler({
  secret: process.env.P100_WEBHOOK_SECRET ?? '',
  onEvent: (event) => console.log('handled', event.status),
});
`,
  // A Lambda function's handler module (API Gateway HTTP API).
  'lambda-handler.cjs': `const { createLambdaHandler } = require('p100-webhooks/lambda');
exports.handler = createLambdaHandler({
  secret: () => process.env.P100_WEBHOOK_SECRET,
  onEvent: (event) => console.log('handled', event.status),
});
`,
  // Imports one module, then delivers three times (as P100 would, with the right token) and prints the answers.
  'deliver.mjs': `import { createRequire } from 'node:module';
import { createPoaLambdaEvent, createPoaWebhookRequest } from 'p100-webhooks/testing';
const [file, token] = process.argv.slice(2);
const mod = file.endsWith('.cjs') ? createRequire(import.meta.url)('./' + file) : await import('./' + file);
console.log(JSON.stringify({ imported: Object.keys(mod) }));
const body = { externalUserId: 'u-1', status: 'APPROVED' };
for (let i = 0; i < 3; i++) {
  if (mod.POST) {
    const response = await mod.POST(createPoaWebhookRequest(body, { secret: token }));
    console.log(JSON.stringify({ status: response.status, type: response.headers.get('content-type'), body: await response.text() }));
  } else {
    const result = await mod.handler(createPoaLambdaEvent(body, { secret: token, format: 'apigw-v2' }), {});
    console.log(JSON.stringify({ status: result.statusCode, type: result.headers['content-type'], body: result.body }));
  }
}
`,
};

let pkg: BuiltPackage;

beforeAll(async () => {
  pkg = await buildPackage();
  await mkdir(join(pkg.root, 'app'), { recursive: true });
  for (const [file, code] of Object.entries(MODULES)) await writeFile(join(pkg.root, 'app', file), code);
}, 120_000);

afterAll(() => pkg?.remove());

interface Run {
  readonly status: number | null;
  readonly lines: readonly Record<string, unknown>[];
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, secret: string | undefined): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' };
  delete env['P100_WEBHOOK_SECRET'];
  if (secret !== undefined) env['P100_WEBHOOK_SECRET'] = secret;
  const child = spawnSync(process.execPath, ['deliver.mjs', file, SECRET], { cwd: join(pkg.root, 'app'), env, encoding: 'utf8' });
  const lines = child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: child.status, lines, stdout: child.stdout, stderr: child.stderr };
}

describe.each(['next-route.mjs', 'lambda-handler.cjs'])('a module-scope handler with a secret function (%s)', (file) => {
  it('should import without P100_WEBHOOK_SECRET and answer each delivery 500 SECRET_NOT_CONFIGURED in JSON, logging once', () => {
    const { status, lines, stdout, stderr } = run(file, undefined);
    expect(status).toBe(0);
    expect(lines[0]).toEqual({ imported: [file.endsWith('.cjs') ? 'handler' : 'POST'] });
    const answers = lines.slice(1);
    expect(answers).toHaveLength(3);
    for (const answer of answers) {
      expect(answer['status']).toBe(500);
      expect(answer['type']).toBe('application/json');
      expect(JSON.parse(String(answer['body']))).toEqual({ error: { code: 'SECRET_NOT_CONFIGURED', message: expect.any(String) } });
    }
    const logged = stderr.trim().split('\n');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^p100-webhooks: the `secret` function returned undefined: .*500 SECRET_NOT_CONFIGURED/);
    expect(stdout).not.toContain('handled');
  });

  it('should answer 200 once the variable is set', () => {
    const { status, lines, stdout, stderr } = run(file, SECRET);
    expect(status).toBe(0);
    expect(lines.slice(1).map((answer) => [answer['status'], answer['body']])).toEqual([
      [200, '{}'],
      [200, '{}'],
      [200, '{}'],
    ]);
    expect(stdout.match(/handled APPROVED/g)).toHaveLength(3);
    expect(stderr).toBe('');
  });
});

describe('the eager form `secret: process.env.P100_WEBHOOK_SECRET ?? ""`', () => {
  it('should fail at import without the variable, as `next build` reported it', () => {
    const { status, lines, stderr } = run('next-route-eager.mjs', undefined);
    expect(status).not.toBe(0);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(/TypeError: p100-webhooks: `secret` must be/);
  });
});
