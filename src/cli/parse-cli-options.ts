import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './cli-usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` `parseArgs` (strict, no positionals) whose errors become one-line {@link CliUsageError}s.
 *
 * @internal
 */
export function parseCliOptions<const O extends Options>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliUsageError(describeParseError(command, error));
  }
}

function describeParseError(command: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted} for "${command}" (see p100-webhooks ${command} --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted.split(' ')[0] ?? quoted;
      if (/ambiguous/.test(message)) return `option ${flag} needs a value; for one starting with "-", write ${flag}=-…`;
      if (/does not take an argument/.test(message)) return `option ${flag} takes no value`;
      return `option ${flag} needs a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted === '' ? '' : `"${quoted}" `}for "${command}" (see p100-webhooks ${command} --help)`;
    default:
      return message.split('\n')[0] ?? message;
  }
}
