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
  // The token is header[start, end): located by scanning, compared in place (no regular expression,
  // no copy): this runs on every delivery.
  let start = 0;
  let end = header.length;
  while (start < end && isBlank(header.charCodeAt(start))) start++;
  while (end > start && isBlank(header.charCodeAt(end - 1))) end--;
  if (end - start > BEARER.length && isBlank(header.charCodeAt(start + BEARER.length)) && isBearer(header, start)) {
    start += BEARER.length;
    while (start < end && isBlank(header.charCodeAt(start))) start++;
  }
  if (start === end) return false;
  if (typeof secrets === 'string') return secrets.length > 0 && constantTimeEqual(header, start, end, secrets) === 1;
  let matched = 0;
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length > 0) matched |= constantTimeEqual(header, start, end, secret);
  }
  return matched === 1;
}

const BEARER = 'bearer';

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;

/** Whether `Bearer` (any case) starts at `start`. `| 0x20` lower-cases ASCII letters; only 'B' and 'b' map to 'b', and so on. */
function isBearer(header: string, start: number): boolean {
  for (let i = 0; i < BEARER.length; i++) {
    if ((header.charCodeAt(start + i) | 0x20) !== BEARER.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * 1 when `text[start, end)` equals `expected`, else 0. The loop always runs over `expected` and
 * always reads the token (wrapping around when it is shorter; it is never empty here), so neither
 * where the strings differ nor whether their lengths match changes the work done.
 */
function constantTimeEqual(text: string, start: number, end: number, expected: string): number {
  const length = end - start;
  let diff = length ^ expected.length;
  // `j` walks the token and wraps to `start`, like `start + i % length` without a division.
  for (let i = 0, j = start; i < expected.length; i++, j = j + 1 === end ? start : j + 1) {
    diff |= text.charCodeAt(j) ^ expected.charCodeAt(i);
  }
  return diff === 0 ? 1 : 0;
}
