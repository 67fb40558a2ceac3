/**
 * The process title `p100-webhooks <command> …args` with every `--secret` value shown as `***`.
 * Assigned to `process.title` once the secret is read: on Linux, Node writes the title over the memory
 * of the process's arguments, which `ps` and `/proc/<pid>/cmdline` read, so the secret leaves them.
 *
 * @internal
 */
export function titleWithoutSecret(command: string, args: readonly string[]): string {
  const shown = args.map((arg, i) => (arg.startsWith('--secret=') ? '--secret=***' : args[i - 1] === '--secret' ? '***' : arg));
  return ['p100-webhooks', command, ...shown].join(' ');
}
