import type { PoaHeaders } from './poa-webhook-request.ts';

/**
 * Reads a header by its lower-case name from `Headers` or a record with names in any case. Several
 * values are joined with `", "`, as `Headers` does, so a repeated `Authorization` never matches.
 *
 * @internal
 */
export function getHeader(headers: PoaHeaders, name: string): string | undefined {
  // A custom adapter written in JavaScript may pass no headers at all: then there are none.
  if (typeof headers !== 'object' || headers === null) return undefined;
  if (typeof headers.get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  // Every key that matches in any case counts, so `Authorization` and `authorization` side by side
  // (possible in Lambda v1/ALB events and hand-built records) are seen as the repeat they are.
  let found: string | undefined;
  for (const key of Object.keys(record)) {
    if (key.length !== name.length || (key !== name && key.toLowerCase() !== name)) continue;
    const value = record[key];
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : value.join(', ');
    found = found === undefined ? text : `${found}, ${text}`;
  }
  return found;
}
