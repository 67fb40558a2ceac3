const BEARER = /^bearer[ \t]+/i;
const OUTER_WHITESPACE = /^[ \t]+|[ \t]+$/g;

/**
 * Checks an `Authorization` header against the partner's secret token, in time that does not depend
 * on where the token differs. Accepts the bare token or `Bearer <token>` (scheme case-insensitive);
 * surrounding spaces are ignored. With several secrets (rotation) every one is compared, so the
 * timing does not tell which matched.
 *
 * @param header - The header value as received; `null` or `undefined` when absent.
 * @param secrets - The secret, or several during a rotation.
 * @returns `true` when the token equals one of the non-empty secrets.
 * @example
 * ```ts
 * import { verifyAuthorizationHeader } from 'p100-webhooks';
 *
 * verifyAuthorizationHeader('Bearer s3cret', 's3cret'); // true
 * verifyAuthorizationHeader('s3cret', ['old-secret', 's3cret']); // true
 * verifyAuthorizationHeader(undefined, 's3cret'); // false
 * ```
 */
export function verifyAuthorizationHeader(
  header: string | null | undefined,
  secrets: string | readonly string[],
): boolean {
  if (typeof header !== 'string') return false;
  const token = header.replace(OUTER_WHITESPACE, '').replace(BEARER, '');
  if (token.length === 0) return false;
  let matched = 0;
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    if (typeof secret === 'string' && secret.length > 0) matched |= constantTimeEqual(token, secret);
  }
  return matched === 1;
}

/** 1 when equal, else 0; the loop always runs over `expected`, whatever `given` holds. */
function constantTimeEqual(given: string, expected: string): number {
  let diff = given.length ^ expected.length;
  // With lengths that differ, compare `expected` with itself: same work, and `diff` is already set.
  const other = diff === 0 ? given : expected;
  for (let i = 0; i < expected.length; i++) diff |= other.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0 ? 1 : 0;
}
