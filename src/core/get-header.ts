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
  let value = Object.hasOwn(record, name) ? record[name] : undefined;
  if (value === undefined) {
    for (const key of Object.keys(record)) {
      if (key.length === name.length && key.toLowerCase() === name) {
        value = record[key];
        break;
      }
    }
  }
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
}
