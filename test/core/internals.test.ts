import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64DecodedLength } from '../../src/core/base64-decoded-length.ts';
import { decodeBase64 } from '../../src/core/decode-base64.ts';
import { getHeader } from '../../src/core/get-header.ts';
import { utf8ByteLength } from '../../src/core/utf8-byte-length.ts';
import { handlePoaWebhook, matchPoaWebhookPath } from '../../src/index.ts';

describe('decodeBase64', () => {
  it('should decode exactly what Buffer decodes, padded or not, and predict the length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, unpadded) => {
        let text = Buffer.from(bytes).toString('base64');
        if (unpadded) text = text.replace(/=+$/, '');
        expect(decodeBase64(text)).toEqual(new Uint8Array(bytes));
        expect(base64DecodedLength(text)).toBe(bytes.length);
      }),
      { numRuns: 500 },
    );
  });

  it.each(['a', 'abcde', 'ab=c', '====', 'ab cd', 'ab\ncd', 'ab-_', 'é', 'YQ==='])('should refuse %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('should decode the empty text to no bytes', () => {
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
  });
});

describe('utf8ByteLength', () => {
  it('should count what TextEncoder produces, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), fc.string({ unit: fc.constantFrom('\ud800', '\udc00', 'a', '😀'), maxLength: 8 }), (a, b) => {
        const text = a + b;
        expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('getHeader', () => {
  it.each([
    { description: 'an exact lower-case key', headers: { authorization: 'a' }, value: 'a' },
    { description: 'a mixed-case key', headers: { AuThOrIzAtIoN: 'a' }, value: 'a' },
    { description: 'an array of one', headers: { authorization: ['a'] }, value: 'a' },
    { description: 'an array of two, joined', headers: { authorization: ['a', 'b'] }, value: 'a, b' },
    { description: 'an undefined value', headers: { authorization: undefined }, value: undefined },
    { description: 'no such key', headers: { other: 'x' }, value: undefined },
    { description: 'a key on the prototype only', headers: Object.create({ authorization: 'inherited' }) as Record<string, string>, value: undefined },
    { description: 'Headers', headers: new Headers({ Authorization: 'a' }), value: 'a' },
    { description: 'no headers at all', headers: undefined, value: undefined },
  ])('should read $description', ({ headers, value }) => {
    expect(getHeader(headers as Record<string, string>, 'authorization')).toBe(value);
  });

  it('should let handlePoaWebhook answer 401 when a JavaScript caller passes no headers', async () => {
    const response = await handlePoaWebhook({ method: 'POST' } as never, { secret: 's', onEvent: () => {} });
    expect(response.status).toBe(401);
  });
});

describe('matchPoaWebhookPath', () => {
  it.each([
    { url: '/hook', path: '/hook', ok: true },
    { url: '/hook/', path: '/hook', ok: true },
    { url: '/hook', path: '/hook/', ok: true },
    { url: '/hook?x=/other', path: '/hook', ok: true },
    { url: '/hook#frag', path: '/hook', ok: true },
    { url: 'http://127.0.0.1:3000/hook?x', path: '/hook', ok: true },
    { url: 'https://example.com', path: '/', ok: true },
    { url: '/', path: '/', ok: true },
    { url: '/HOOK', path: '/hook', ok: false },
    { url: '/hook/x', path: '/hook', ok: false },
    { url: '//hook', path: '/hook', ok: false },
    { url: '/hook%2F', path: '/hook', ok: false },
    { url: 'https://example.com/other', path: '/hook', ok: false },
  ])('should answer $ok for $url against $path', ({ url, path, ok }) => {
    expect(matchPoaWebhookPath(url, path)).toBe(ok);
  });
});
