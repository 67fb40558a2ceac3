#!/usr/bin/env node
/**
 * The `p100-webhooks` command line: `send` deliveries like P100 does, `listen` for them locally.
 *
 * @module p100-webhooks/cli
 */
import { main } from './cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
