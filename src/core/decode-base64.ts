/**
 * Decodes standard base64 (padding optional) without any platform API; `undefined` when the text
 * is not base64.
 *
 * @internal
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  let end = text.length;
  if (end % 4 === 0 && end > 0 && text.charCodeAt(end - 1) === 0x3d) end -= text.charCodeAt(end - 2) === 0x3d ? 2 : 1;
  if (end % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let offset = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = digit(code);
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[offset++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** The value of a base64 digit (`A-Z a-z 0-9 + /`), or -1: arithmetic, so no table is built at load. */
function digit(code: number): number {
  if (code >= 0x61) return code <= 0x7a ? code - 71 : -1;
  if (code >= 0x41) return code <= 0x5a ? code - 65 : -1;
  if (code >= 0x30) return code <= 0x39 ? code + 4 : -1;
  return code === 0x2b ? 62 : code === 0x2f ? 63 : -1;
}
