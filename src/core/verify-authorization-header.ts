const BEARER = 'bearer';

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
  const token = extractToken(header);
  if (token.length === 0) return false;
  if (typeof secrets === 'string') return secrets.length > 0 && constantTimeEqual(token, secrets) === 1;
  let matched = 0;
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length > 0) matched |= constantTimeEqual(token, secret);
  }
  return matched === 1;
}

/**
 * 1 when equal, else 0. The loop always runs over `expected` and always reads `given` (wrapping
 * around when it is shorter; `given` is never empty here), so neither where the strings differ nor
 * whether their lengths match changes the work done.
 */
function constantTimeEqual(given: string, expected: string): number {
  const length = given.length;
  let diff = length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i % length) ^ expected.charCodeAt(i);
  return diff === 0 ? 1 : 0;
}

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * The token of an `Authorization` value: without surrounding spaces and tabs, and without a leading
 * `Bearer` (any case) followed by spaces or tabs. Scans characters instead of running regular
 * expressions: this runs on every delivery.
 */
function extractToken(header: string): string {
  let start = 0;
  let end = header.length;
  while (start < end && isBlank(header.charCodeAt(start))) start++;
  while (end > start && isBlank(header.charCodeAt(end - 1))) end--;
  if (end - start > BEARER.length && isBlank(header.charCodeAt(start + BEARER.length))) {
    let scheme = true;
    for (let i = 0; i < BEARER.length; i++) {
      // `| 0x20` lower-cases ASCII letters; only 'B' and 'b' map to 'b', and so on.
      if ((header.charCodeAt(start + i) | 0x20) !== BEARER.charCodeAt(i)) {
        scheme = false;
        break;
      }
    }
    if (scheme) {
      start += BEARER.length;
      while (start < end && isBlank(header.charCodeAt(start))) start++;
    }
  }
  return start === 0 && end === header.length ? header : header.slice(start, end);
}
