import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../src/core/decode-base64.ts';

/** Strict standard base64: the alphabet only, `=` padding only to a multiple of four, never a lone sixth-bit digit. */
function reference(text: string): string | undefined {
  const match = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(text);
  if (match === null || (match[2] !== '' && text.length % 4 !== 0) || (match[1] as string).length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64').toString('hex');
}

const hex = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : Buffer.from(bytes).toString('hex'));

describe('decodeBase64', () => {
  it('should agree with strict standard base64 for every pair of the first 300 code units, at every position of a quantum', () => {
    const units = Array.from({ length: 300 }, (_, code) => String.fromCharCode(code));
    for (const a of units) {
      for (const b of units) {
        for (const text of [a + b, `QU${a}${b}`, `${a}${b}QQ==`, `QUJD${a}${b}=`, `Q${a}${b}=`]) {
          expect(hex(decodeBase64(text)), JSON.stringify(text)).toBe(reference(text));
        }
      }
    }
  });
});
