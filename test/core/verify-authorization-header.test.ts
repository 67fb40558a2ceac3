import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuthorizationHeader } from '../../src/index.ts';

const S = 's3cret-token';

describe('verifyAuthorizationHeader', () => {
  it.each([
    { description: 'the bare token', header: S, secrets: S, ok: true },
    { description: 'Bearer and the token', header: `Bearer ${S}`, secrets: S, ok: true },
    { description: 'a lower-case scheme', header: `bearer ${S}`, secrets: S, ok: true },
    { description: 'an upper-case scheme', header: `BEARER ${S}`, secrets: S, ok: true },
    { description: 'a mixed-case scheme', header: `bEaReR ${S}`, secrets: S, ok: true },
    { description: 'several spaces after the scheme', header: `Bearer    ${S}`, secrets: S, ok: true },
    { description: 'a tab after the scheme', header: `Bearer\t${S}`, secrets: S, ok: true },
    { description: 'outer spaces', header: `  Bearer ${S}  `, secrets: S, ok: true },
    { description: 'outer spaces around a bare token', header: ` ${S}\t`, secrets: S, ok: true },
    { description: 'the first of a rotation list', header: S, secrets: [S, 'other'], ok: true },
    { description: 'the last of a rotation list', header: `Bearer ${S}`, secrets: ['old-1', 'old-2', S], ok: true },
    { description: 'a rotation list with an empty entry', header: S, secrets: ['', S], ok: true },
    { description: 'a different token', header: 'Bearer s3cret-tokeN', secrets: S, ok: false },
    { description: 'a prefix of the token', header: S.slice(0, -1), secrets: S, ok: false },
    { description: 'the token and more', header: `${S}x`, secrets: S, ok: false },
    { description: 'the token twice', header: `${S}, ${S}`, secrets: S, ok: false },
    { description: 'Bearer without a space', header: `Bearer${S}`, secrets: S, ok: false },
    { description: 'another scheme', header: `Basic ${S}`, secrets: S, ok: false },
    { description: 'Bearer alone', header: 'Bearer', secrets: S, ok: false },
    { description: 'Bearer and spaces', header: 'Bearer   ', secrets: S, ok: false },
    { description: 'an empty header', header: '', secrets: S, ok: false },
    { description: 'spaces only', header: '   ', secrets: S, ok: false },
    { description: 'null', header: null, secrets: S, ok: false },
    { description: 'undefined', header: undefined, secrets: S, ok: false },
    { description: 'an empty secret', header: '', secrets: '', ok: false },
    { description: 'Bearer and an empty secret', header: 'Bearer ', secrets: '', ok: false },
    { description: 'an empty secret list', header: S, secrets: [], ok: false },
    { description: 'a list of empty secrets', header: '', secrets: ['', ''], ok: false },
    { description: 'a case-changed token', header: S.toUpperCase(), secrets: S, ok: false },
    { description: 'a non-ASCII token', header: 'Bearer ünïcödé', secrets: 'ünïcödé', ok: true },
    { description: 'an inner space in the token', header: 'Bearer a b', secrets: 'a b', ok: true },
  ])('should answer $ok for $description', ({ header, secrets, ok }) => {
    expect(verifyAuthorizationHeader(header, secrets)).toBe(ok);
  });

  it.each([
    { description: 'a number header', header: 42, secrets: '42' },
    { description: 'an array header', header: [S], secrets: S },
    { description: 'non-string secrets', header: S, secrets: [42, null, undefined, { toString: () => S }] },
  ])('should answer false, never throw, for $description', ({ header, secrets }) => {
    expect(verifyAuthorizationHeader(header as string, secrets as string[])).toBe(false);
  });

  it('should agree with a plain reference implementation on any header and secrets', () => {
    const reference = (header: string, secrets: readonly string[]) => {
      const token = header.replace(/^[ \t]+|[ \t]+$/g, '').replace(/^bearer[ \t]+/i, '');
      return token.length > 0 && secrets.some((secret) => secret.length > 0 && secret === token);
    };
    const piece = fc.oneof(
      fc.constantFrom('', ' ', '\t', '  ', 'Bearer', 'bearer', 'BEARER', 'BeArEr', 'Basic', 'Bearer ', 'bearer\t', 'Bearerx', 'ß', 'İ'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    const secret = fc.oneof(fc.constantFrom('', 's3cret', 'Bearer', 'a b', 'Bearer x'), fc.string({ unit: 'binary', maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), fc.nat(), piece, piece, piece, fc.boolean(), (secrets, pick, before, middle, after, single) => {
        // Headers built around one of the secrets, so matches are frequent, plus noise around it.
        const chosen = secrets[pick % secrets.length] ?? '';
        const header = `${before}${middle}${chosen}${after}`;
        const list = single ? secrets.slice(0, 1) : secrets;
        expect(verifyAuthorizationHeader(header, single ? list[0]! : list)).toBe(reference(header, list));
        expect(verifyAuthorizationHeader(`Bearer ${chosen}`, list)).toBe(reference(`Bearer ${chosen}`, list));
      }),
      { numRuns: 2_000 },
    );
  });
});
