// The conformance entry for Node, Bun and Deno: imports the built package by its public specifiers,
// checks it is running on the runtime asked for (P100_EXPECT_RUNTIME, e.g. "node@22", "bun"), runs the
// neutral checks and the Node-only ones, and ends with one "@@RESULT {json}" line for the runner.
import * as core from 'p100-webhooks';
import * as fetchEntry from 'p100-webhooks/fetch';
import * as lambda from 'p100-webhooks/lambda';
import * as testing from 'p100-webhooks/testing';
import { assertRuntime, detectRuntime, neutralChecks, runChecks } from './checks.mjs';
import { nodeChecks } from './node-checks.mjs';

const expected = globalThis.Deno ? Deno.env.get('P100_EXPECT_RUNTIME') : process.env.P100_EXPECT_RUNTIME;
const actual = detectRuntime();
console.log(`runtime: ${actual.name} ${actual.version} (asked for ${expected})`);
const checks = [
  [`runtime: running on ${expected}`, () => void assertRuntime(expected ?? 'unset')],
  ...neutralChecks({ core, fetch: fetchEntry, lambda, testing }),
  ...nodeChecks(),
];
const result = await runChecks(checks);
console.log(`@@RESULT ${JSON.stringify({ runtime: actual.name, version: actual.version, ...result })}`);
