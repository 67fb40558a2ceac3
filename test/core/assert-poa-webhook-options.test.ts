import { describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import { handlePoaWebhook, type PoaWebhookOptions } from '../../src/index.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';

const SECRET = 'opt-s3cret-4b1d';
const on = { WAITING: () => {}, APPROVED: () => {}, REJECTED: () => {}, QUESTIONED: () => {} };
const onEvent = () => {};

/** Options a JavaScript caller (or a cast) could pass; every one must be refused with a TypeError. */
const INVALID: readonly { readonly description: string; readonly options: unknown; readonly message: RegExp }[] = [
  { description: 'no options', options: undefined, message: /options must be an object/ },
  { description: 'null', options: null, message: /options must be an object/ },
  { description: 'a string', options: SECRET, message: /options must be an object/ },
  { description: 'a missing secret', options: { onEvent }, message: /`secret`/ },
  { description: 'an empty secret', options: { secret: '', onEvent }, message: /`secret`/ },
  { description: 'an empty secret list', options: { secret: [], onEvent }, message: /`secret`/ },
  { description: 'an empty secret in the list', options: { secret: [SECRET, ''], onEvent }, message: /`secret`/ },
  { description: 'a non-string secret', options: { secret: 42, onEvent }, message: /`secret`/ },
  { description: 'a non-string secret in the list', options: { secret: [SECRET, null], onEvent }, message: /`secret`/ },
  { description: 'a secret with outer white space', options: { secret: ` ${SECRET} `, onEvent }, message: /visible ASCII/ },
  { description: 'a secret with inner white space', options: { secret: 'two words', onEvent }, message: /visible ASCII/ },
  { description: 'a non-ASCII secret', options: { secret: 'geheim-ü', onEvent }, message: /visible ASCII/ },
  { description: 'a non-ASCII secret in the list', options: { secret: [SECRET, 'pässword'], onEvent }, message: /visible ASCII/ },
  { description: 'a secret with a control character', options: { secret: 'a\u0000b', onEvent }, message: /visible ASCII/ },
  { description: 'neither on nor onEvent', options: { secret: SECRET }, message: /exactly one of `on`/ },
  { description: 'both on and onEvent', options: { secret: SECRET, on, onEvent }, message: /exactly one of `on`/ },
  { description: 'on missing a status', options: { secret: SECRET, on: { ...on, QUESTIONED: undefined } }, message: /`on.QUESTIONED`/ },
  { description: 'on that is not an object', options: { secret: SECRET, on: 'x' }, message: /`on` must be an object/ },
  { description: 'onEvent that is not a function', options: { secret: SECRET, onEvent: 'x' }, message: /`onEvent`/ },
  { description: 'onError that is not a function', options: { secret: SECRET, onEvent, onError: {} }, message: /`onError`/ },
  { description: 'onUnknownStatus that is not a function', options: { secret: SECRET, onEvent, onUnknownStatus: 1 }, message: /`onUnknownStatus`/ },
  { description: 'maxBodyBytes 0', options: { secret: SECRET, onEvent, maxBodyBytes: 0 }, message: /`maxBodyBytes`/ },
  { description: 'maxBodyBytes 1.5', options: { secret: SECRET, onEvent, maxBodyBytes: 1.5 }, message: /`maxBodyBytes`/ },
  { description: 'maxBodyBytes as a string', options: { secret: SECRET, onEvent, maxBodyBytes: '1024' }, message: /`maxBodyBytes`/ },
  { description: 'handlerTimeoutMs 0', options: { secret: SECRET, onEvent, handlerTimeoutMs: 0 }, message: /`handlerTimeoutMs`/ },
  { description: 'handlerTimeoutMs NaN', options: { secret: SECRET, onEvent, handlerTimeoutMs: Number.NaN }, message: /`handlerTimeoutMs`/ },
  { description: 'handlerTimeoutMs above the timer limit', options: { secret: SECRET, onEvent, handlerTimeoutMs: 2 ** 31 }, message: /`handlerTimeoutMs`/ },
  { description: 'a path without a leading slash', options: { secret: SECRET, onEvent, path: 'hook' }, message: /`path`/ },
  { description: 'a ledger that is not one', options: { secret: SECRET, onEvent, ledger: {} }, message: /`ledger`/ },
  { description: 'a ledger that is null', options: { secret: SECRET, onEvent, ledger: null }, message: /`ledger`/ },
  { description: 'onDecision that is not a function', options: { secret: SECRET, onEvent, onDecision: 1 }, message: /`onDecision`/ },
];

const ADAPTER_FACTORIES = [
  { name: 'createNodeHandler', create: (o: PoaWebhookOptions) => createNodeHandler(o) },
  { name: 'createFetchHandler', create: (o: PoaWebhookOptions) => createFetchHandler(o) },
  { name: 'createLambdaHandler', create: (o: PoaWebhookOptions) => createLambdaHandler(o) },
];

describe('assertPoaWebhookOptions', () => {
  describe.each(ADAPTER_FACTORIES)('$name', ({ create }) => {
    it.each(INVALID)('should throw a TypeError at once for $description', ({ options, message }) => {
      let thrown: unknown;
      try {
        create(options as PoaWebhookOptions);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as TypeError).message).toMatch(message);
      expect((thrown as TypeError).message).not.toContain(SECRET);
    });
  });

  describe('handlePoaWebhook', () => {
    it.each(INVALID)('should reject with a TypeError (and not throw synchronously) for $description', async ({ options, message }) => {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = handlePoaWebhook({ method: 'POST', headers: {} }, options as PoaWebhookOptions);
      }).not.toThrow();
      await expect(promise).rejects.toThrow(TypeError);
      await expect(promise).rejects.toThrow(message);
      await promise?.catch((error: Error) => expect(error.message).not.toContain(SECRET));
    });
  });

  it.each([
    { description: 'one secret and onEvent', options: { secret: SECRET, onEvent } },
    { description: 'a rotation list and on', options: { secret: ['old', SECRET], on } },
    { description: 'explicit undefined for the unused handler', options: { secret: SECRET, on, onEvent: undefined } },
    { description: 'Infinity as handlerTimeoutMs', options: { secret: SECRET, onEvent, handlerTimeoutMs: Number.POSITIVE_INFINITY } },
    { description: 'every optional field', options: { secret: SECRET, onEvent, onError: () => {}, onUnknownStatus: () => {}, maxBodyBytes: 1, handlerTimeoutMs: 1, path: '/' } },
  ])('should accept $description', async ({ options }) => {
    for (const { create } of ADAPTER_FACTORIES) expect(() => create(options as PoaWebhookOptions)).not.toThrow();
    const response = await handlePoaWebhook({ method: 'GET', headers: {} }, options as PoaWebhookOptions);
    expect(response.status).toBe(405);
  });
});
