import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PoaWebhookError } from '../../src/index.ts';
import { FAMILIES, validPayloadOf } from './webhook-families.ts';

/** The POA fixtures about the body itself (not its fields): every webhook must answer them alike. */
const bodyFixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/payloads/${name}`, import.meta.url)));
const utf8 = new TextEncoder();

const BODY_FIXTURES = [
  { file: 'empty.json', code: 'EMPTY_BODY', paths: [] },
  { file: 'whitespace.json', code: 'EMPTY_BODY', paths: [] },
  { file: 'bom-only.json', code: 'EMPTY_BODY', paths: [] },
  { file: 'truncated.json', code: 'INVALID_JSON', paths: [] },
  { file: 'single-quotes.json', code: 'INVALID_JSON', paths: [] },
  { file: 'invalid-utf8.json', code: 'INVALID_JSON', paths: [] },
  { file: 'array-root.json', code: 'INVALID_PAYLOAD', paths: [''] },
  { file: 'null-root.json', code: 'INVALID_PAYLOAD', paths: [''] },
  { file: 'string-root.json', code: 'INVALID_PAYLOAD', paths: [''] },
] as const;

afterEach(() => {
  expect(Object.prototype).not.toHaveProperty('polluted');
});

describe.each(FAMILIES)('$name: safeParse and parse', (family) => {
  const valid = validPayloadOf(family);
  const statusKeys = family.statusFields.map(({ key }) => key);

  it.each(BODY_FIXTURES)('should answer $code for the body fixture $file, as bytes, ArrayBuffer and parse', ({ file, code, paths }) => {
    const bytes = bodyFixture(file);
    for (const body of [bytes, bytes.slice().buffer]) {
      const result = family.safeParse(body);
      expect(result.success).toBe(false);
      if (result.success) continue;
      expect(result.error).toBeInstanceOf(PoaWebhookError);
      expect(result.error.code).toBe(code);
      expect(result.error.httpStatus).toBe(400);
      expect(result.error.issues.map((issue) => issue.path)).toEqual(paths);
    }
    expect(() => family.parse(bytes)).toThrow(expect.objectContaining({ name: 'PoaWebhookError', code }));
  });

  it('should parse a valid payload from a string, bytes, an ArrayBuffer and with a BOM, with only its own fields', () => {
    const text = JSON.stringify({ ...valid, extra: 1, [`${statusKeys[0]} `]: 'x' });
    for (const body of [text, utf8.encode(text), utf8.encode(text).buffer, `\uFEFF${text}`]) {
      const result = family.safeParse(body);
      expect(result).toStrictEqual({ success: true, event: valid });
      if (result.success) expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
    }
    expect(family.parse(text)).toStrictEqual(valid);
  });

  it.each([
    { description: '1 character', id: 'a', ok: true },
    { description: '256 characters', id: 'a'.repeat(256), ok: true },
    { description: '257 characters', id: 'a'.repeat(257), ok: false },
    { description: 'an empty string', id: '', ok: false },
    { description: '128 astral characters (256 code units)', id: '😀'.repeat(128), ok: true },
    { description: '129 astral characters (258 code units)', id: '😀'.repeat(129), ok: false },
    { description: 'a number', id: 7, ok: false },
    { description: 'null', id: null, ok: false },
  ])('should take an externalUserId of $description: $ok', ({ id, ok }) => {
    const result = family.safeParse(JSON.stringify({ ...valid, externalUserId: id }));
    if (ok) expect(result).toStrictEqual({ success: true, event: { ...valid, externalUserId: id } });
    else {
      expect(result.success || result.error.code).toBe('INVALID_PAYLOAD');
      if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(['externalUserId']);
    }
  });

  describe.each(family.statusFields)('the status field $key', ({ key, statuses }) => {
    it.each([
      ...statuses.map((value) => ({ value, code: undefined })),
      ...statuses.map((value) => ({ value: value.toLowerCase(), code: 'UNKNOWN_STATUS' })),
      ...statuses.map((value) => ({ value: ` ${value}`, code: 'UNKNOWN_STATUS' })),
      { value: 'SOMETHING_NEW', code: 'UNKNOWN_STATUS' },
      { value: 'X'.repeat(256), code: 'UNKNOWN_STATUS' },
      { value: 'X'.repeat(257), code: 'INVALID_PAYLOAD' },
      { value: '', code: 'INVALID_PAYLOAD' },
      { value: 1, code: 'INVALID_PAYLOAD' },
      { value: null, code: 'INVALID_PAYLOAD' },
      { value: [statuses[0]], code: 'INVALID_PAYLOAD' },
      { value: undefined, code: 'INVALID_PAYLOAD' },
    ])(`should answer $code for ${key} $value`, ({ value, code }) => {
      const payload = { ...valid, [key]: value };
      const result = family.safeParse(JSON.stringify(payload));
      if (code === undefined) {
        expect(result).toStrictEqual({ success: true, event: payload });
        return;
      }
      expect(result.success || result.error.code).toBe(code);
      if (result.success) return;
      expect(result.error.issues.map((i) => i.path)).toEqual(code === 'INVALID_PAYLOAD' ? [key] : []);
      if (code === 'UNKNOWN_STATUS') expect(result.error.message).toContain(`Unknown ${key} `);
      // The throwing variant throws the very error the safe one returns.
      expect(() => family.parse(JSON.stringify(payload))).toThrow(result.error.message);
    });

    it('should report an unknown status as an issue, not UNKNOWN_STATUS, when the id is invalid too', () => {
      const result = family.safeParse(JSON.stringify({ ...valid, externalUserId: '', [key]: 'SOMETHING_NEW' }));
      expect(result.success || result.error.code).toBe('INVALID_PAYLOAD');
      if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(['externalUserId', key]);
    });
  });

  it('should list every offending field, in order, for an empty object', () => {
    const result = family.safeParse('{}');
    expect(result.success || result.error.code).toBe('INVALID_PAYLOAD');
    if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(['externalUserId', ...statusKeys]);
  });

  it('should ignore inherited fields and leave Object.prototype untouched', () => {
    const fields = JSON.stringify(valid).slice(1, -1);
    for (const text of [`{"__proto__":{"polluted":true},${fields}}`, `{${fields},"__proto__":{"externalUserId":"x","polluted":true}}`]) {
      const result = family.safeParse(text);
      expect(result).toStrictEqual({ success: true, event: valid });
    }
    expect(family.validate(Object.create(valid)).success).toBe(false);
    expect(family.isEvent(Object.create(valid))).toBe(false);
  });

  it.each([
    { description: 'a throwing getter', value: Object.defineProperty({ ...valid }, 'externalUserId', { get: () => { throw new Error('getter'); } }) },
    { description: 'a revoked proxy', value: (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })() },
  ])('should refuse $description with the path "" and never throw', ({ value }) => {
    const result = family.validate(value);
    expect(result.success || result.error.issues.map((i) => i.path)).toEqual(['']);
    expect(family.isEvent(value)).toBe(false);
  });

  it.each([null, undefined, 42, { ...valid }])('should not throw when a JavaScript caller passes %j as a body', (body) => {
    expect(family.safeParse(body as unknown as string).success).toBe(false);
  });
});
