import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FAMILIES, type WebhookFamily } from './webhook-families.ts';

const utf8 = new TextEncoder();
const RUNS = { numRuns: 1_000 };

/** Any JavaScript string: every code point, lone surrogates included. */
const anyString = fc.string({ unit: 'binary', maxLength: 64 });
/** Ids around the limits: short and long, ASCII and astral, and non-strings. */
const idLike = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'binary-ascii', minLength: 250, maxLength: 260 }),
  fc.string({ unit: fc.constantFrom('😀', 'é', 'a'), minLength: 120, maxLength: 260 }),
  fc.constant(''),
  fc.jsonValue({ maxDepth: 2 }),
);
const statusLike = (statuses: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...statuses),
    fc.constantFrom(...statuses.map((s) => s.toLowerCase()), ...statuses.map((s) => `${s} `), '', 'APPROVED', 'toString', 'X'.repeat(257)),
    anyString,
    fc.jsonValue({ maxDepth: 2 }),
  );
const textLike = fc.oneof(anyString, fc.constant(null), fc.constantFrom('NO_FACE_FOUND', ''), fc.jsonValue({ maxDepth: 2 }));

/** A non-empty string of at most 256 characters, as an id and an unknown status must be. */
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 256;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The family's rules, restated independently of the implementation: the expected answer for a parsed value. */
function expected(family: WebhookFamily, value: unknown): { event: Record<string, unknown> } | { code: 'UNKNOWN_STATUS' | 'INVALID_PAYLOAD'; paths: string[] } {
  if (!isObject(value)) return { code: 'INVALID_PAYLOAD', paths: [''] };
  const own = (key: string): unknown => (Object.hasOwn(value, key) ? value[key] : undefined);
  const paths: string[] = [];
  let unknown = false;
  const event: Record<string, unknown> = { externalUserId: own('externalUserId') };
  if (!isText(event['externalUserId'])) paths.push('externalUserId');
  for (const { key, statuses } of family.statusFields) {
    event[key] = own(key);
    if (statuses.includes(event[key] as string)) continue;
    paths.push(key);
    if (isText(event[key])) unknown = true;
  }
  const statusPaths = paths.length;
  for (const key of family.optionalTextFields) {
    const text = own(key);
    if (text === undefined) continue;
    event[key] = text;
    if (text !== null && typeof text !== 'string') paths.push(key);
  }
  if (paths.length === 0) return { event };
  const onlyUnknown = unknown && statusPaths === paths.length && family.statusFields.every(({ key, statuses }) => statuses.includes(event[key] as string) || isText(event[key])) && isText(event['externalUserId']);
  return onlyUnknown ? { code: 'UNKNOWN_STATUS', paths: [] } : { code: 'INVALID_PAYLOAD', paths };
}

function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

describe.each(FAMILIES)('$name (properties)', (family) => {
  const known = ['externalUserId', ...family.statusFields.map(({ key }) => key), ...family.optionalTextFields];
  /** JSON objects shaped like payloads: each field present or not, plus any extra fields. */
  const payloadLike = fc
    .tuple(
      fc.option(idLike, { nil: undefined }),
      fc.tuple(...family.statusFields.map(({ statuses }) => fc.option(statusLike(statuses), { nil: undefined }))),
      fc.tuple(...family.optionalTextFields.map(() => fc.option(textLike, { nil: undefined }))),
      fc.dictionary(anyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    )
    .map(([externalUserId, statuses, texts, extra]) => {
      const payload: Record<string, unknown> = { ...extra };
      const values = [externalUserId, ...statuses, ...texts];
      known.forEach((key, i) => {
        if (values[i] !== undefined) payload[key] = values[i];
        else delete payload[key];
      });
      return payload;
    });
  /** Valid events: ids of every kind of character, each status field a known value, optional texts absent, null or any string. */
  const validEvent = fc
    .tuple(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 256 }).filter((s) => s.length <= 256),
      fc.tuple(...family.statusFields.map(({ statuses }) => fc.constantFrom(...statuses))),
      fc.tuple(...family.optionalTextFields.map(() => fc.option(fc.oneof(anyString, fc.constant(null)), { nil: undefined }))),
    )
    .map(([externalUserId, statuses, texts]) => {
      const event: Record<string, unknown> = { externalUserId };
      family.statusFields.forEach(({ key }, i) => (event[key] = statuses[i]));
      family.optionalTextFields.forEach((key, i) => {
        if (texts[i] !== undefined) event[key] = texts[i];
      });
      return event;
    });
  /** A valid event with one field replaced by a payload-like value: near misses, unknown statuses among them. */
  const nearMiss = fc.tuple(validEvent, fc.constantFrom(...known), fc.oneof(idLike, ...family.statusFields.map(({ statuses }) => statusLike(statuses)), textLike)).map(([event, key, value]) => ({ ...event, [key]: value }));
  const jsonLike = fc.oneof(payloadLike, validEvent, nearMiss, fc.jsonValue({ maxDepth: 3 }));

  it('should never throw on any string, byte array or ArrayBuffer', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .tuple(jsonLike, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }))
        .map(([value, edits]) => {
          const out = utf8.encode(JSON.stringify(value) ?? '');
          for (const [at, byte] of edits) if (out.length > 0) out[at % out.length] = byte;
          return out;
        }),
    );
    fc.assert(
      fc.property(fc.oneof(anyString, jsonLike.map((x) => JSON.stringify(x))), (body) => {
        expect(typeof family.safeParse(body).success).toBe('boolean');
      }),
      RUNS,
    );
    fc.assert(
      fc.property(bytes, fc.boolean(), (body, asBuffer) => {
        const result = family.safeParse(asBuffer ? body.slice().buffer : body);
        expect(typeof result.success).toBe('boolean');
        if (!parseJson(body).ok) expect(result.success || result.error.code).toMatch(/^(INVALID_JSON|EMPTY_BODY)$/);
      }),
      RUNS,
    );
  });

  it('should answer exactly what the rules say: the event with only its fields, UNKNOWN_STATUS, or INVALID_PAYLOAD with the offending paths', () => {
    const seen = { event: 0, UNKNOWN_STATUS: 0, INVALID_PAYLOAD: 0 };
    fc.assert(
      fc.property(jsonLike, fc.constantFrom('string', 'bytes', 'bom'), (value, kind) => {
        const text = JSON.stringify(value);
        const body = kind === 'string' ? text : kind === 'bytes' ? utf8.encode(text) : `\uFEFF${text}`;
        const result = family.safeParse(body);
        const parsed = JSON.parse(text) as unknown;
        const want = expected(family, parsed);
        expect(result.success).toBe(family.isEvent(parsed));
        if ('event' in want) {
          seen.event++;
          expect(result).toStrictEqual({ success: true, event: want.event });
        } else {
          seen[want.code]++;
          expect(result.success || result.error.code).toBe(want.code);
          if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(want.paths);
        }
      }),
      RUNS,
    );
    // The generator must reach every answer, or the property proves nothing.
    expect(seen.event).toBeGreaterThan(20);
    expect(seen.UNKNOWN_STATUS).toBeGreaterThan(20);
    expect(seen.INVALID_PAYLOAD).toBeGreaterThan(20);
  });

  it('should round-trip every valid event through JSON.stringify, as text and as UTF-8 bytes, extra fields dropped', () => {
    fc.assert(
      fc.property(validEvent, fc.dictionary(anyString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), (event, extra) => {
        const text = JSON.stringify({ ...extra, ...event });
        expect(family.safeParse(text)).toStrictEqual({ success: true, event });
        expect(family.parse(text)).toStrictEqual(event);
        // Lone surrogates have no UTF-8 form; every other event must survive the bytes too.
        if (new TextDecoder().decode(utf8.encode(text)) === text) expect(family.safeParse(utf8.encode(text))).toStrictEqual({ success: true, event });
      }),
      RUNS,
    );
  });

  it('should accept exactly what its valibot schema accepts, with the same output', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.oneof(payloadLike, validEvent, nearMiss, fc.object({ maxDepth: 2 })), (value) => {
        const fast = family.validate(value);
        seen[fast.success ? 'accepted' : 'refused']++;
        const schema = v.safeParse(family.schema, value);
        expect(fast.success).toBe(schema.success);
        expect(fast.success).toBe(v.is(family.schema, value));
        if (fast.success && schema.success) expect(fast.event).toStrictEqual(schema.output);
      }),
      RUNS,
    );
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });

  it('should agree with its schema on objects that are not plain JSON (null prototype, inherited fields)', () => {
    fc.assert(
      fc.property(fc.oneof(payloadLike, validEvent, nearMiss), fc.boolean(), (payload, nullPrototype) => {
        const value = nullPrototype ? Object.assign(Object.create(null) as object, payload) : Object.create(payload);
        expect(family.validate(value).success).toBe(v.is(family.schema, value));
        expect(family.isEvent(value)).toBe(v.is(family.schema, value));
      }),
      RUNS,
    );
  });

  it('should be a Standard Schema v1 agreeing with validate', () => {
    fc.assert(
      fc.property(fc.oneof(payloadLike, validEvent), (value) => {
        const standard = family.schema['~standard'].validate(value);
        expect(standard instanceof Promise).toBe(false);
        // valibot answers with its dataset: a failure is one with issues.
        expect((standard as { issues?: unknown }).issues === undefined).toBe(family.validate(value).success);
      }),
      { numRuns: 200 },
    );
    expect(family.schema['~standard'].version).toBe(1);
  });

  it('should refuse every array and non-object at the root with the path ""', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue().filter((x) => !isObject(x)), fc.anything().filter((x) => typeof x !== 'object' || x === null)), (value) => {
        const result = family.validate(value);
        expect(result.success || result.error.issues.map((i) => i.path)).toEqual(['']);
      }),
      RUNS,
    );
  });
});
