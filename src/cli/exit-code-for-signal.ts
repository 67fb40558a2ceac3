/**
 * The exit code after a stop by SIGINT (130) or SIGTERM (143): 128 + the signal's number, as a shell
 * reports a process the signal killed. `npx` and `npm run` report that code whatever the process
 * itself exits with (their `sh -c` dies of the signal), so it is the one the CLI can promise.
 *
 * @internal
 */
export function exitCodeForSignal(signal: string): number {
  return signal === 'SIGTERM' ? 143 : 130;
}
