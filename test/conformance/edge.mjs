// The conformance script for the Vercel edge runtime (@edge-runtime/vm): bundled by the runner into one
// classic script (as Vercel bundles edge functions) and evaluated in an EdgeVM, where `process` and
// `require` do not exist. It leaves its result promise on globalThis.__p100Result.
import * as core from 'p100-webhooks';
import * as fetchEntry from 'p100-webhooks/fetch';
import * as lambda from 'p100-webhooks/lambda';
import * as testing from 'p100-webhooks/testing';
import { detectRuntime, equal, neutralChecks, runChecks } from './checks.mjs';

const lines = [];
globalThis.__p100Result = runChecks(
  [
    ['edge: process and require do not exist', () => {
      // The bundler rewrites a bare `typeof require`, and eval is disallowed here, so this looks at the
      // global object; edge-host.mjs checks the bare identifiers in the runtime's global scope.
      equal(typeof globalThis.process, 'undefined', 'typeof globalThis.process');
      equal(typeof globalThis.require, 'undefined', 'typeof globalThis.require');
    }],
    ...neutralChecks({ core, fetch: fetchEntry, lambda, testing }),
  ],
  (line) => lines.push(line),
).then((result) => ({ ...detectRuntime(), ...result, lines }));
