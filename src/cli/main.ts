/**
 * Runs the CLI with the given arguments and resolves to the exit code.
 *
 * @internal
 */
export async function main(args: readonly string[]): Promise<number> {
  console.error(`p100-webhooks: unknown command ${JSON.stringify(args[0] ?? '')} (the CLI is not built yet)`);
  return 2;
}
