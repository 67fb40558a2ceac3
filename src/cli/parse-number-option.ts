import { CliUsageError } from './cli-usage-error.ts';

/** A numeric flag within bounds (integers only when `integer`), else a usage error. @internal */
export function parseNumberOption(
  flag: string,
  value: string,
  { min, max = Number.MAX_SAFE_INTEGER, integer = false }: { min: number; max?: number; integer?: boolean },
): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
    const kind = integer ? 'an integer' : 'a number';
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new CliUsageError(`bad ${flag} ${JSON.stringify(value)}: expected ${kind} ${range}`);
  }
  return number;
}
