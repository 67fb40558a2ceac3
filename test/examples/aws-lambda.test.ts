import type { LambdaAppExample, LambdaEntryExample } from './support/example-modules.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POA_VERIFICATION_STATUSES } from '../../src/index.ts';
import { createPoaLambdaEvent, createPoaVerificationEvent } from '../../src/testing.ts';
import { importExample } from './support/import-example.ts';
import { EXPECTED_CALL, recordingAccounts } from './support/recording-accounts.ts';

type AppModule = LambdaAppExample;
type HandlerModule = LambdaEntryExample;

const SECRET = 'example-test-secret';
const FORMATS = ['apigw-v1', 'apigw-v2', 'alb', 'function-url'] as const;
/** Every event kind (ALB with single- and multi-value headers), plain and base64, with every status. */
const KINDS = [
  ...FORMATS.map((format) => ({ format, multiValueHeaders: false })),
  { format: 'alb' as const, multiValueHeaders: true },
];
const CASES = KINDS.flatMap(({ format, multiValueHeaders }) =>
  [false, true].flatMap((base64) => POA_VERIFICATION_STATUSES.map((status) => ({ format, multiValueHeaders, base64, status }))),
);

describe('examples/aws-lambda', async () => {
  const { createPoaLambdaHandler } = await importExample<AppModule>('aws-lambda/src/app.ts');
  const accounts = recordingAccounts();
  const handler = createPoaLambdaHandler({ secret: SECRET, accounts });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it.each(CASES)(
    'should answer 200 {} to $status in a $format event (multi-value: $multiValueHeaders, base64: $base64) and act once',
    async ({ format, multiValueHeaders, base64, status }) => {
    const event = createPoaVerificationEvent({ status, externalUserId: `lambda-${format}-${String(multiValueHeaders)}-${String(base64)}-${status}` });
    const before = accounts.calls.length;
    const result = await handler(createPoaLambdaEvent(event, { secret: SECRET, format, base64, multiValueHeaders }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({});
    if (format === 'alb') expect(result).toMatchObject({ statusDescription: '200 OK' });
    if (multiValueHeaders) expect(result).toMatchObject({ multiValueHeaders: { 'content-type': ['application/json'] } });
    expect(accounts.calls.slice(before)).toEqual([EXPECTED_CALL[status](event.externalUserId)]);
    },
  );

  it.each(FORMATS)('should answer 401 UNAUTHORIZED to a %s event signed with another secret without acting', async (format) => {
    const before = accounts.calls.length;
    const result = await handler(createPoaLambdaEvent(createPoaVerificationEvent(), { secret: 'nope', format }));
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(accounts.calls.length).toBe(before);
  });

  it('should fail the cold start of handler.ts with a TypeError when the secret is missing', async () => {
    vi.stubEnv('P100_WEBHOOK_SECRET', undefined);
    await expect(importExample<HandlerModule>('aws-lambda/src/handler.ts')).rejects.toThrow(TypeError);
  });

  it('should serve deliveries from handler.ts with the secret from the environment', async () => {
    vi.stubEnv('P100_WEBHOOK_SECRET', SECRET);
    const { handler: entry } = await importExample<HandlerModule>('aws-lambda/src/handler.ts');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const result = await entry(createPoaLambdaEvent(createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'cold-1' }), { secret: SECRET, format: 'apigw-v2' }));
    expect(result.statusCode).toBe(200);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('cold-1'));
    log.mockRestore();
  });
});
