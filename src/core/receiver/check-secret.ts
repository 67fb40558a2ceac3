/**
 * Why a secret (as given, or as its source returned it) can never match, or `undefined` when it is
 * usable: a non-empty string, or a non-empty list of them, each of visible ASCII only (`!` to `~`).
 * Header values reach a server as bytes that each runtime turns into text its own way; a token of
 * visible ASCII reads the same in all of them, so every adapter compares it identically.
 *
 * @internal
 */
export function checkSecret(secret: unknown): string | undefined {
  const secrets: readonly unknown[] = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  if (secrets.length === 0 || !secrets.every((s) => typeof s === 'string' && s.length > 0)) {
    return '`secret` must be a non-empty string or a non-empty list of non-empty strings.';
  }
  for (const s of secrets as readonly string[]) {
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (code < 0x21 || code > 0x7e) return '`secret` must consist of visible ASCII characters only (no spaces, no control or non-ASCII characters).';
    }
  }
  return undefined;
}
