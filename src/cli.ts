#!/usr/bin/env node
/**
 * The `p100-webhooks` command line: `send` deliveries like P100 does, `listen` for them locally.
 * Run `p100-webhooks --help`.
 *
 * @module p100-webhooks/cli
 */
import { main } from './cli/main.ts';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`p100-webhooks: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
