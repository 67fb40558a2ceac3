import { spawn } from 'node:child_process';
import type { BuiltCli } from './build-cli.ts';
import { cliEnv } from './build-cli.ts';

export interface ListeningCli {
  /** The URL the CLI printed. */
  readonly url: string;
  /** The child's process id. */
  readonly pid: number;
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Resolves with the delivery lines once at least `count` have been printed (2 s at most). */
  deliveryLines(count: number): Promise<string[]>;
  /** Sends the signal and resolves with the exit code and the full output. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Lines about one delivery start with a clock: `14:03:07.118  POST …`. */
// eslint-disable-next-line no-control-regex
const DELIVERY_LINE = /^(\u001b\[\d+m)?\d\d:\d\d:\d\d\.\d{3}/;

/** Starts `cli listen ...args`, waiting for the whole banner ("Listening on" … "Try:"). */
export function startListen(cli: BuiltCli, args: readonly string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<ListeningCli> {
  const child = spawn(process.execPath, [cli.path, 'listen', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = (): string[] => stdout.split('\n').filter((line) => DELIVERY_LINE.test(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listen did not start: ${stdout}${stderr}`)), 10_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // eslint-disable-next-line no-control-regex
      const match = /Listening on(?:\u001b\[\d+m)? (?:\u001b\[\d+m)?(http:\/\/[^\s\u001b]+)/.exec(stdout);
      // The banner ends with the "Try:" line: the URLs of every webhook are printed by then.
      if (match?.[1] === undefined || !/Try: .*\n/.test(stdout)) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        pid: child.pid ?? 0,
        stdout: () => stdout,
        async deliveryLines(count) {
          for (let waited = 0; lines().length < count && waited < 2000; waited += 10) {
            await new Promise((r) => setTimeout(r, 10));
          }
          return lines();
        },
        async stop(signal = 'SIGINT') {
          child.kill(signal);
          const code = await exited;
          return { code, stdout, stderr };
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`listen exited (${code}) before listening: ${stderr}`));
    });
  });
}
