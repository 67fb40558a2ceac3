import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  isPoaVerificationEvent,
  POA_VERIFICATION_STATUSES,
  PoaVerificationEventSchema,
  safeParsePoaVerificationEvent,
  validatePoaVerificationEvent,
} from '../../src/index.ts';

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
const statusLike = fc.oneof(
  fc.constantFrom(...POA_VERIFICATION_STATUSES),
  fc.constantFrom('approved', 'Approved', 'APPROVED ', '', 'EXPIRED', 'toString'),
  anyString,
  fc.jsonValue({ maxDepth: 2 }),
);
/** JSON objects shaped like payloads: each of the two fields present or not, plus any extra fields. */
const payloadLike = fc
  .tuple(
    fc.option(idLike, { nil: undefined }),
    fc.option(statusLike, { nil: undefined }),
    fc.dictionary(anyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  )
  .map(([externalUserId, status, extra]) => {
    const payload: Record<string, unknown> = { ...extra };
    if (externalUserId !== undefined) payload['externalUserId'] = externalUserId;
    else delete payload['externalUserId'];
    if (status !== undefined) payload['status'] = status;
    else delete payload['status'];
    return payload;
  });
/** Any JSON value, payload-shaped ones weighted in. */
const jsonLike = fc.oneof(payloadLike, fc.jsonValue({ maxDepth: 3 }));
/** Valid events, ids of every kind of character, extra fields included in the JSON. */
const validEvent = fc.record({
  externalUserId: fc.string({ unit: 'binary', minLength: 1, maxLength: 256 }).filter((s) => s.length <= 256),
  status: fc.constantFrom(...POA_VERIFICATION_STATUSES),
});

/** Valid payloads with extra fields (often named like the real ones in another case). */
const validPayload = fc
  .tuple(validEvent, fc.dictionary(fc.oneof(anyString, fc.constantFrom('ExternalUserId', 'STATUS', 'status ')), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }))
  .map(([event, extra]) => ({ ...extra, externalUserId: event.externalUserId, status: event.status }));

function parseJson(body: string | Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    let text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

describe('safeParsePoaVerificationEvent (properties)', () => {
  it('should never throw on any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, jsonLike.map((x) => JSON.stringify(x))), (body) => {
        const result = safeParsePoaVerificationEvent(body);
        expect(typeof result.success).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('should never throw on any byte array or ArrayBuffer', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      // Valid JSON with random bytes overwritten: mostly invalid UTF-8 or broken JSON.
      fc
        .tuple(jsonLike, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }))
        .map(([value, edits]) => {
          const out = utf8.encode(JSON.stringify(value) ?? '');
          for (const [at, byte] of edits) if (out.length > 0) out[at % out.length] = byte;
          return out;
        }),
    );
    fc.assert(
      fc.property(bytes, fc.boolean(), (body, asBuffer) => {
        const result = safeParsePoaVerificationEvent(asBuffer ? body.slice().buffer : body);
        expect(typeof result.success).toBe('boolean');
        const parsed = parseJson(body);
        if (!parsed.ok) expect(result.success || result.error.code).toMatch(/^(INVALID_JSON|EMPTY_BODY)$/);
      }),
      RUNS,
    );
  });

  it('should succeed exactly when isPoaVerificationEvent accepts the parsed JSON, with only the two fields', () => {
    fc.assert(
      fc.property(jsonLike, fc.constantFrom('string', 'bytes', 'bom'), (value, kind) => {
        const text = JSON.stringify(value);
        const body = kind === 'string' ? text : kind === 'bytes' ? utf8.encode(text) : `\uFEFF${text}`;
        const result = safeParsePoaVerificationEvent(body);
        const parsed = JSON.parse(text) as unknown;
        expect(result.success).toBe(isPoaVerificationEvent(parsed));
        if (result.success) {
          const { externalUserId, status } = parsed as Record<string, unknown>;
          expect(result.event).toStrictEqual({ externalUserId, status });
        } else {
          const { code } = result.error;
          const shape = parsed as Record<string, unknown> | null;
          const unknownStatus =
            typeof shape === 'object' &&
            shape !== null &&
            !Array.isArray(shape) &&
            isText(shape['externalUserId']) &&
            isText(shape['status']) &&
            !(POA_VERIFICATION_STATUSES as readonly string[]).includes(shape['status']);
          expect(code).toBe(unknownStatus ? 'UNKNOWN_STATUS' : 'INVALID_PAYLOAD');
          if (code === 'INVALID_PAYLOAD') {
            expect(result.error.issues.length).toBeGreaterThan(0);
            for (const issue of result.error.issues) expect(['', 'externalUserId', 'status']).toContain(issue.path);
          }
        }
      }),
      RUNS,
    );
  });

  it('should round-trip every valid event through JSON.stringify, as text and as UTF-8 bytes', () => {
    fc.assert(
      fc.property(validEvent, fc.dictionary(anyString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), (generated, extra) => {
        const event = { externalUserId: generated.externalUserId, status: generated.status };
        const text = JSON.stringify({ ...extra, ...event });
        expect(safeParsePoaVerificationEvent(text)).toStrictEqual({ success: true, event });
        // Lone surrogates have no UTF-8 form; every other id must survive the bytes too.
        if (new TextDecoder().decode(utf8.encode(event.externalUserId)) === event.externalUserId) {
          expect(safeParsePoaVerificationEvent(utf8.encode(text))).toStrictEqual({ success: true, event });
        }
      }),
      RUNS,
    );
  });
});

/** A non-empty string of at most 256 characters, as an id and an unknown status must be. */
function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256;
}

describe('validatePoaVerificationEvent (fast path against the valibot schema)', () => {
  it('should accept exactly what PoaVerificationEventSchema accepts, with the same output', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.oneof(payloadLike, validPayload, fc.object({ maxDepth: 2 })), (value) => {
        const fast = validatePoaVerificationEvent(value);
        seen[fast.success ? 'accepted' : 'refused']++;
        const schema = v.safeParse(PoaVerificationEventSchema, value);
        expect(fast.success).toBe(v.is(PoaVerificationEventSchema, value));
        expect(fast.success).toBe(schema.success);
        if (fast.success && schema.success) expect(fast.event).toStrictEqual(schema.output);
      }),
      RUNS,
    );
    // The generator must exercise both sides, or the property proves nothing.
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });

  it('should refuse every array and non-object at the root with the path ""', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue().filter((x) => typeof x !== 'object' || x === null || Array.isArray(x)), fc.anything().filter((x) => typeof x !== 'object' || x === null)), (value) => {
        const fast = validatePoaVerificationEvent(value);
        expect(fast.success).toBe(false);
        if (!fast.success) expect(fast.error.issues.map((i) => i.path)).toEqual(['']);
      }),
      RUNS,
    );
  });

  it('should agree with the schema on objects that are not plain JSON (null prototype, inherited fields)', () => {
    fc.assert(
      fc.property(payloadLike, fc.boolean(), (payload, nullPrototype) => {
        const value = nullPrototype ? Object.assign(Object.create(null) as object, payload) : Object.create(payload);
        expect(validatePoaVerificationEvent(value).success).toBe(v.is(PoaVerificationEventSchema, value));
        expect(isPoaVerificationEvent(value)).toBe(v.is(PoaVerificationEventSchema, value));
      }),
      RUNS,
    );
  });
});
