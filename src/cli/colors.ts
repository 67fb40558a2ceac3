import type { CliIo } from './cli-io.ts';

/** ANSI styles the CLI uses. @internal */
export type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold';

const CODES: Readonly<Record<Style, readonly [number, number]>> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/** Paints text in a style, or returns it unchanged. @internal */
export type Paint = (style: Style, text: string) => string;

/**
 * Colours only when stdout is a terminal and `NO_COLOR` is unset or empty (https://no-color.org);
 * `FORCE_COLOR` (other than `0`) turns them on for a non-terminal, `NO_COLOR` still wins.
 *
 * @internal
 */
export function createPaint(io: CliIo): Paint {
  const { NO_COLOR, FORCE_COLOR } = io.env;
  const forced = FORCE_COLOR !== undefined && FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  const enabled = (NO_COLOR === undefined || NO_COLOR === '') && (io.stdout.isTTY === true || forced);
  if (!enabled) return (_style, text) => text;
  return (style, text) => {
    const [open, close] = CODES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
}
