/** How many bytes a base64 text decodes to (without decoding it). @internal */
export function base64DecodedLength(text: string): number {
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 0x3d) length--;
  return Math.floor((length * 3) / 4);
}
