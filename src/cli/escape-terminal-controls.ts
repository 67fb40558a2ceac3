/** C0 and C1 controls and DEL (`Cc`), bidi marks, embeddings, overrides and isolates, line and paragraph separators. */
const TERMINAL_CONTROLS = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/gu;

/**
 * Text safe to print into a terminal: every character a terminal would act on or that reorders what
 * follows (`ESC`, `CR`, `BEL`, C1 `CSI`, U+202E, U+2066, …) becomes a visible `\uXXXX` escape, the
 * form `JSON.stringify` uses, so an escaped JSON string stays valid JSON.
 *
 * @internal
 */
export function escapeTerminalControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
