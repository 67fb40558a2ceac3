/**
 * What the CLI reads and writes, so `main` can be run against other streams than the process's own.
 *
 * @internal
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Sets the process title: on Linux, Node writes it over the arguments `ps` shows (`process.title`). */
  readonly setTitle: (title: string) => void;
  /** Resolves when the process is asked to stop (SIGINT or SIGTERM), with the signal's name. */
  readonly stopSignal: () => Promise<string>;
}
