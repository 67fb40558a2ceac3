import type { PoaHeaders } from './poa-webhook-request.ts';

/**
 * Reads a header by its lower-case name from `Headers` or a record with names in any case. Several
 * values are joined with `", "`, as `Headers` does, so a repeated `Authorization` never matches. A
 * value that is neither text nor a list of text (a number in a hand-built Lambda event) reads as
 * `""` and poisons any other value of that name, so it can never authorize. May throw for exotic
 * records (throwing getters).
 *
 * @internal
 */
export function getHeader(headers: PoaHeaders, name: string): string | undefined {
  // A custom adapter written in JavaScript may pass no headers at all: then there are none.
  if (typeof headers !== 'object' || headers === null) return undefined;
  if (typeof headers.get === 'function') return text((headers as Headers).get(name));
  const record = headers as Readonly<Record<string, unknown>>;
  // Every key that matches in any case counts, so `Authorization` and `authorization` side by side
  // (possible in Lambda v1/ALB events and hand-built records) are seen as the repeat they are.
  let found: string | undefined;
  for (const key of Object.keys(record)) {
    if (key.length !== name.length || (key !== name && key.toLowerCase() !== name)) continue;
    const value = text(record[key]);
    if (value === undefined) continue;
    found = found === undefined ? value : `${found}, ${value}`;
  }
  return found;
}

/** A header value as text: absent for `undefined`/`null`, joined for a list of text, else `""`. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value.join(', ') : '';
}
