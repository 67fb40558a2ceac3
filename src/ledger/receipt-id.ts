const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base 32, as ULIDs use

let lastTime = -1;
let lastTail: number[] = [];

/**
 * A receipt id: 26 characters of Crockford base 32, the first 10 the time in milliseconds and the
 * other 16 random (80 bits from `crypto.getRandomValues`): the ULID layout. Monotonic within a
 * process: an id minted in the same millisecond as the one before (or with the clock set back)
 * keeps that time and increments the random part, so ids always sort in the order they were minted.
 *
 * @internal
 */
export function mintReceiptId(now: number = Date.now()): string {
  let tail: number[];
  if (now <= lastTime) {
    tail = [...lastTail];
    for (let i = tail.length - 1; i >= 0 && (tail[i] = ((tail[i] as number) + 1) % 32) === 0; i--);
    now = lastTime;
  } else tail = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte & 31);
  lastTime = now;
  lastTail = tail;
  let time = '';
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = DIGITS.charAt(t % 32) + time;
  return time + tail.map((d) => DIGITS.charAt(d)).join('');
}
