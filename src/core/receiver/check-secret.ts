/**
 * What is wrong with a secret (as given, or as its function returned it), or `undefined` when it is
 * usable: a non-empty string, or a non-empty list of them, each of visible ASCII only (`!` to `~`).
 * Header values reach a server as bytes that each runtime turns into text its own way; a token of
 * visible ASCII reads the same in all of them, so every adapter compares it identically.
 *
 * @internal
 */
export function secretProblem(secret: unknown): string | undefined {
  const list = Array.isArray(secret);
  const secrets: readonly unknown[] = list ? secret : [secret];
  if (secrets.length === 0) return 'an empty list';
  for (const s of secrets) {
    const problem =
      typeof s !== 'string'
        ? s == null
          ? String(s)
          : `a value of type ${typeof s}`
        : s.length === 0
          ? 'an empty string'
          : /[^!-~]/.test(s)
            ? 'a token with white space, control or non-ASCII characters'
            : undefined;
    if (problem !== undefined) return list ? `a list with ${problem}` : problem;
  }
  return undefined;
}
