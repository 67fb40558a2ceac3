import { describe, expectTypeOf, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import type { PoaWebhookOptions, PoaWebhookSecret, PoaWebhookSecretSource } from '../../src/index.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';

declare const env: { readonly P100_WEBHOOK_SECRET?: string; readonly PREVIOUS?: string };
const onEvent = (): void => {};

describe('PoaWebhookSecret', () => {
  it('should be a string, a list, or a function returning either or undefined', () => {
    expectTypeOf<PoaWebhookSecretSource>().toEqualTypeOf<() => string | readonly string[] | undefined>();
    expectTypeOf<PoaWebhookSecret>().toEqualTypeOf<string | readonly string[] | PoaWebhookSecretSource>();
    expectTypeOf<PoaWebhookOptions['secret']>().toEqualTypeOf<PoaWebhookSecret>();
  });

  it('should take a function reading the environment in every adapter', () => {
    createFetchHandler({ secret: () => process.env['P100_WEBHOOK_SECRET'], onEvent });
    createNodeHandler({ secret: () => env.P100_WEBHOOK_SECRET, onEvent, path: '/webhook/poa-verification/status' });
    createLambdaHandler({ secret: () => [env.P100_WEBHOOK_SECRET, env.PREVIOUS].filter((s) => s !== undefined), onEvent });
  });

  it('should refuse a function that does not return the secret itself', () => {
    // @ts-expect-error a promise is not a secret: read it before, or in the function synchronously
    createFetchHandler({ secret: async () => 's3cret', onEvent });
    // @ts-expect-error a number is not a secret
    createFetchHandler({ secret: () => 42, onEvent });
    // @ts-expect-error a function taking the request is not a secret source
    createFetchHandler({ secret: (request: Request) => request.headers.get('x') ?? undefined, onEvent });
  });
});
