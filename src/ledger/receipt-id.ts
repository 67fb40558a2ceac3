const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base 32, as ULIDs use

/**
 * A receipt id: 26 characters of Crockford base 32, the first 10 the time in milliseconds and the
 * other 16 random (80 bits from `crypto.getRandomValues`), so ids sort by the time they were minted
 * and never collide in practice (the ULID layout).
 *
 * @internal
 */
export function mintReceiptId(now: number = Date.now()): string {
  let time = '';
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = DIGITS.charAt(t % 32) + time;
  const random = crypto.getRandomValues(new Uint8Array(16));
  let tail = '';
  for (const byte of random) tail += DIGITS.charAt(byte & 31);
  return time + tail;
}
