import { getHeader } from '../get-header.ts';
import type { PoaHeaders } from '../poa-webhook-request.ts';

/**
 * The declared `content-length` when it is 1 to 15 ASCII digits, else `undefined` (checked without
 * a regular expression: every delivery pays it); `undefined` too for headers that cannot be read.
 *
 * @internal
 */
export function declaredLength(headers: PoaHeaders): number | undefined {
  let value: string | undefined;
  try {
    value = getHeader(headers, 'content-length');
  } catch {
    return undefined;
  }
  if (value === undefined || value.length === 0 || value.length > 15) return undefined;
  let declared = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    declared = declared * 10 + digit;
  }
  return declared;
}
