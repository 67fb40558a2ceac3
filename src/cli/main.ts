import type { CliIo } from './cli-io.ts';
import { CliUsageError } from './cli-usage-error.ts';
import { CLI_VERSION } from './cli-version.ts';
import { exitCodeForSignal } from './exit-code-for-signal.ts';
import { MAIN_HELP } from './help-text.ts';
import { openInboxEngine } from './open-inbox-engine.ts';
import { runInbox } from './run-inbox.ts';
import { runListen } from './run-listen.ts';
import { runSend } from './run-send.ts';

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once (130 or 143). */
function waitForStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(exitCodeForSignal('SIGINT')));
      process.once('SIGTERM', () => process.exit(exitCodeForSignal('SIGTERM')));
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  setTitle: (title) => {
    process.title = title;
  },
  stopSignal: waitForStopSignal,
};

/**
 * Runs the CLI with the given arguments and resolves to the exit code: 0 success, 1 failed delivery
 * or server error, 2 usage error (printed as one line on stderr), 130 or 143 after a stop by SIGINT
 * or SIGTERM (the table in `--help`).
 *
 * @internal
 */
export async function main(args: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'send':
        return await runSend(rest, io);
      case 'listen':
        return await runListen(rest, io);
      case 'inbox':
        return await runInbox(rest, io, openInboxEngine);
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(MAIN_HELP);
        return 0;
      case '--version':
      case '-v':
        io.stdout.write(`${CLI_VERSION}\n`);
        return 0;
      case undefined:
        throw new CliUsageError('missing command: send, listen or inbox (see p100-webhooks --help)');
      default:
        throw new CliUsageError(
          command.startsWith('-')
            ? `unknown option ${command} (see p100-webhooks --help)`
            : `unknown command ${JSON.stringify(command)}: use send, listen or inbox (see p100-webhooks --help)`,
        );
    }
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr.write(`p100-webhooks: ${error.message}\n`);
    return 2;
  }
}
