import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type PoaWebhookErrorCode,
  PoaWebhookError,
  parsePoaVerificationEvent,
  safeParsePoaVerificationEvent,
} from '../../src/index.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/payloads/${name}`, import.meta.url)));
const utf8 = new TextEncoder();

/** Every raw payload fixture and what parsing it must give. */
const FIXTURES: readonly {
  readonly file: string;
  readonly event?: { externalUserId: string; status: string };
  readonly code?: PoaWebhookErrorCode;
  readonly paths?: readonly string[];
}[] = [
  { file: 'waiting.json', event: { externalUserId: 'user-1', status: 'WAITING' } },
  { file: 'approved.json', event: { externalUserId: 'user-1', status: 'APPROVED' } },
  { file: 'rejected.json', event: { externalUserId: 'user-1', status: 'REJECTED' } },
  { file: 'questioned.json', event: { externalUserId: 'user-1', status: 'QUESTIONED' } },
  { file: 'extra-fields.json', event: { externalUserId: 'user-1', status: 'APPROVED' } },
  { file: 'bom.json', event: { externalUserId: 'user-1', status: 'APPROVED' } },
  { file: 'unicode-user-id.json', event: { externalUserId: 'üser-😀', status: 'WAITING' } },
  { file: 'proto-key.json', event: { externalUserId: 'user-1', status: 'APPROVED' } },
  { file: 'constructor-key.json', event: { externalUserId: 'user-1', status: 'WAITING' } },
  { file: 'unknown-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'lowercase-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'padded-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'missing-status.json', code: 'INVALID_PAYLOAD', paths: ['status'] },
  { file: 'numeric-status.json', code: 'INVALID_PAYLOAD', paths: ['status'] },
  { file: 'missing-external-user-id.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId'] },
  { file: 'empty-external-user-id.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId'] },
  { file: 'numeric-external-user-id.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId'] },
  { file: 'null-fields.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId', 'status'] },
  { file: 'empty-object.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId', 'status'] },
  { file: 'proto-only.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId', 'status'] },
  { file: 'array-root.json', code: 'INVALID_PAYLOAD', paths: [''] },
  { file: 'null-root.json', code: 'INVALID_PAYLOAD', paths: [''] },
  { file: 'string-root.json', code: 'INVALID_PAYLOAD', paths: [''] },
  { file: 'truncated.json', code: 'INVALID_JSON' },
  { file: 'single-quotes.json', code: 'INVALID_JSON' },
  { file: 'invalid-utf8.json', code: 'INVALID_JSON' },
  { file: 'empty.json', code: 'EMPTY_BODY' },
  { file: 'whitespace.json', code: 'EMPTY_BODY' },
  { file: 'bom-only.json', code: 'EMPTY_BODY' },
];

/** The three body kinds of the contract, built from the same bytes. */
const BODY_KINDS: readonly { readonly kind: string; readonly make: (bytes: Uint8Array) => string | Uint8Array | ArrayBuffer | undefined }[] = [
  { kind: 'Uint8Array', make: (bytes) => bytes },
  { kind: 'ArrayBuffer', make: (bytes) => bytes.slice().buffer },
  {
    kind: 'Uint8Array view at an offset',
    make: (bytes) => {
      const backing = new Uint8Array(bytes.length + 7).fill(0x7b);
      backing.set(bytes, 3);
      return backing.subarray(3, 3 + bytes.length);
    },
  },
  {
    kind: 'string',
    make: (bytes) => {
      try {
        // ignoreBOM keeps a leading BOM in the string, as a string body could carry one.
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        return undefined; // invalid UTF-8 has no string form
      }
    },
  },
];

const CASES = FIXTURES.flatMap((f) => BODY_KINDS.map((k) => ({ ...f, ...k, name: `${f.file} as ${k.kind}` })));

afterEach(() => {
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe('safeParsePoaVerificationEvent', () => {
  it.each(CASES)('should parse fixture $name', ({ file, make, event, code, paths }) => {
    const body = make(fixture(file));
    if (body === undefined) return;
    const result = safeParsePoaVerificationEvent(body);
    if (event !== undefined) {
      expect(result).toEqual({ success: true, event });
      if (!result.success) return;
      expect(Object.keys(result.event)).toEqual(['externalUserId', 'status']);
      expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
    } else {
      expect(result.success).toBe(false);
      if (result.success) return;
      expect(result.error).toBeInstanceOf(PoaWebhookError);
      expect(result.error.code).toBe(code);
      expect(result.error.httpStatus).toBe(400);
      expect(result.error.issues.map((issue) => issue.path)).toEqual(paths ?? []);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  const astral = '😀'; // two UTF-16 code units
  it.each([
    { description: '1 character', id: 'a', ok: true },
    { description: '256 characters', id: 'a'.repeat(256), ok: true },
    { description: '257 characters', id: 'a'.repeat(257), ok: false },
    { description: 'an empty string', id: '', ok: false },
    { description: '128 astral characters (256 code units)', id: astral.repeat(128), ok: true },
    { description: '255 characters and an astral one (257 code units)', id: `${'a'.repeat(255)}${astral}`, ok: false },
    { description: '129 astral characters (129 code points, 258 code units)', id: astral.repeat(129), ok: false },
    { description: '256 non-ASCII BMP characters (768 UTF-8 bytes)', id: 'é€'.repeat(128), ok: true },
    { description: 'white space only', id: ' ', ok: true },
  ])('should measure externalUserId in JavaScript string length: $description', ({ id, ok }) => {
    const text = JSON.stringify({ externalUserId: id, status: 'APPROVED' });
    for (const body of [text, utf8.encode(text)]) {
      const result = safeParsePoaVerificationEvent(body);
      if (ok) expect(result).toEqual({ success: true, event: { externalUserId: id, status: 'APPROVED' } });
      else {
        expect(result.success).toBe(false);
        if (!result.success) {
          expect(result.error.code).toBe('INVALID_PAYLOAD');
          expect(result.error.issues.map((i) => i.path)).toEqual(['externalUserId']);
        }
      }
    }
  });

  it.each([
    { status: 'WAITING', code: undefined },
    { status: 'APPROVED', code: undefined },
    { status: 'REJECTED', code: undefined },
    { status: 'QUESTIONED', code: undefined },
    { status: 'approved', code: 'UNKNOWN_STATUS' },
    { status: 'Approved', code: 'UNKNOWN_STATUS' },
    { status: ' APPROVED', code: 'UNKNOWN_STATUS' },
    { status: 'APPROVED\n', code: 'UNKNOWN_STATUS' },
    { status: '', code: 'INVALID_PAYLOAD' },
    { status: 'X'.repeat(257), code: 'INVALID_PAYLOAD' },
    { status: 'X'.repeat(256), code: 'UNKNOWN_STATUS' },
    { status: 'EXPIRED', code: 'UNKNOWN_STATUS' },
    { status: 1, code: 'INVALID_PAYLOAD' },
    { status: true, code: 'INVALID_PAYLOAD' },
    { status: null, code: 'INVALID_PAYLOAD' },
    { status: ['APPROVED'], code: 'INVALID_PAYLOAD' },
    { status: { APPROVED: true }, code: 'INVALID_PAYLOAD' },
  ])('should treat status $status case-sensitively ($code)', ({ status, code }) => {
    const result = safeParsePoaVerificationEvent(JSON.stringify({ externalUserId: 'u-1', status }));
    if (code === undefined) expect(result).toEqual({ success: true, event: { externalUserId: 'u-1', status } });
    else {
      expect(result.success || result.error.code).toBe(code);
      if (!result.success) {
        expect(result.error.issues.map((i) => i.path)).toEqual(code === 'INVALID_PAYLOAD' ? ['status'] : []);
      }
    }
  });

  it.each([
    { description: 'a non-string externalUserId', payload: { externalUserId: 7, status: 'EXPIRED' }, code: 'INVALID_PAYLOAD' },
    { description: 'a missing externalUserId', payload: { status: 'EXPIRED' }, code: 'INVALID_PAYLOAD' },
    { description: 'a string externalUserId', payload: { externalUserId: 'u-1', status: 'EXPIRED' }, code: 'UNKNOWN_STATUS' },
    { description: 'an empty string externalUserId', payload: { externalUserId: '', status: 'EXPIRED' }, code: 'INVALID_PAYLOAD' },
    { description: 'a 257-character externalUserId', payload: { externalUserId: 'u'.repeat(257), status: 'EXPIRED' }, code: 'INVALID_PAYLOAD' },
  ])('should tell UNKNOWN_STATUS from INVALID_PAYLOAD for an unknown status with $description', ({ payload, code }) => {
    const result = safeParsePoaVerificationEvent(JSON.stringify(payload));
    expect(result.success || result.error.code).toBe(code);
    if (!result.success && code === 'INVALID_PAYLOAD') {
      expect(result.error.issues.map((i) => i.path)).toContain('externalUserId');
    }
  });

  it.each([
    { description: 'a lone continuation byte', bytes: [0x80] },
    { description: 'an overlong "/"', bytes: [0xc0, 0xaf] },
    { description: 'an encoded surrogate', bytes: [0xed, 0xa0, 0x80] },
    { description: 'a truncated sequence', bytes: [0xe2, 0x82] },
    { description: 'a 0xFF byte', bytes: [0xff] },
    { description: 'a code point above U+10FFFF', bytes: [0xf4, 0x90, 0x80, 0x80] },
  ])('should refuse invalid UTF-8 ($description) inside a JSON string as INVALID_JSON', ({ bytes }) => {
    const prefix = utf8.encode('{"externalUserId":"');
    const suffix = utf8.encode('","status":"APPROVED"}');
    const body = new Uint8Array([...prefix, ...bytes, ...suffix]);
    const result = safeParsePoaVerificationEvent(body);
    expect(result.success || result.error.code).toBe('INVALID_JSON');
    expect(safeParsePoaVerificationEvent(body.buffer).success || 'refused').toBe('refused');
  });

  it.each([
    { description: 'an empty string', body: '', code: 'EMPTY_BODY' },
    { description: 'empty bytes', body: new Uint8Array(0), code: 'EMPTY_BODY' },
    { description: 'an empty ArrayBuffer', body: new ArrayBuffer(0), code: 'EMPTY_BODY' },
    { description: 'spaces', body: '   ', code: 'EMPTY_BODY' },
    { description: 'JSON white space', body: ' \t\r\n', code: 'EMPTY_BODY' },
    { description: 'white space bytes', body: utf8.encode('\n\n'), code: 'EMPTY_BODY' },
    { description: 'a BOM', body: '\uFEFF', code: 'EMPTY_BODY' },
    { description: 'a BOM and spaces', body: '\uFEFF  ', code: 'EMPTY_BODY' },
    { description: 'a non-breaking space', body: '\u00a0', code: 'INVALID_JSON' },
    { description: 'two BOMs', body: '\uFEFF\uFEFF{"externalUserId":"u-1","status":"APPROVED"}', code: 'INVALID_JSON' },
    { description: 'a space then an invalid byte', body: new Uint8Array([0x20, 0xff]), code: 'INVALID_JSON' },
    { description: 'a JSON number', body: '42', code: 'INVALID_PAYLOAD' },
    { description: 'a NUL byte', body: new Uint8Array([0]), code: 'INVALID_JSON' },
    { description: 'JavaScript, not JSON', body: '{externalUserId:"u-1",status:"APPROVED"}', code: 'INVALID_JSON' },
    { description: 'two JSON values', body: '{} {}', code: 'INVALID_JSON' },
  ])('should answer $code for $description', ({ body, code }) => {
    const result = safeParsePoaVerificationEvent(body);
    expect(result.success || result.error.code).toBe(code);
  });

  it('should accept bytes made in another realm', () => {
    const bytes = runInNewContext('new TextEncoder().encode(text)', {
      TextEncoder,
      text: '{"externalUserId":"u-1","status":"WAITING"}',
    }) as Uint8Array;
    const buffer = runInNewContext('new Uint8Array([123, 125]).buffer') as ArrayBuffer;
    expect(bytes instanceof Uint8Array).toBe(true); // the encoder is this realm's
    expect(buffer instanceof ArrayBuffer).toBe(false);
    expect(safeParsePoaVerificationEvent(bytes)).toEqual({ success: true, event: { externalUserId: 'u-1', status: 'WAITING' } });
    const result = safeParsePoaVerificationEvent(buffer);
    expect(result.success || result.error.code).toBe('INVALID_PAYLOAD');
  });

  it.each([
    { description: 'null', body: null },
    { description: 'undefined', body: undefined },
    { description: 'a number', body: 42 },
    { description: 'a plain object', body: { externalUserId: 'u-1', status: 'APPROVED' } },
    { description: 'an array of numbers', body: [123, 125] },
  ])('should not throw when JavaScript callers pass $description', ({ body }) => {
    const result = safeParsePoaVerificationEvent(body as unknown as string);
    expect(result.success).toBe(false);
  });

  it('should leave Object.prototype untouched by __proto__ and constructor keys', () => {
    for (const text of [
      '{"__proto__":{"polluted":true},"externalUserId":"u-1","status":"APPROVED"}',
      '{"constructor":{"prototype":{"polluted":true}},"externalUserId":"u-1","status":"APPROVED"}',
      '{"externalUserId":"u-1","status":"APPROVED","__proto__":{"status":"REJECTED","polluted":true}}',
    ]) {
      const result = safeParsePoaVerificationEvent(text);
      expect(result).toEqual({ success: true, event: { externalUserId: 'u-1', status: 'APPROVED' } });
      if (result.success) {
        expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
        expect(Object.hasOwn(result.event, '__proto__')).toBe(false);
        expect((result.event as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
      }
    }
  });
});

describe('parsePoaVerificationEvent', () => {
  it.each(FIXTURES)('should return the event or throw the same error as safeParse for $file', ({ file, event, code }) => {
    const body = fixture(file);
    if (event !== undefined) {
      expect(parsePoaVerificationEvent(body)).toEqual(event);
      return;
    }
    let thrown: unknown;
    try {
      parsePoaVerificationEvent(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PoaWebhookError);
    expect((thrown as PoaWebhookError).code).toBe(code);
  });
});
