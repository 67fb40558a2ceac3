// The conformance Worker for workerd (through Miniflare): its default export serves the package's
// Fetch handler, as a Cloudflare Worker would; `/__events` lists the events the handler received and
// `/__checks` runs the neutral checks inside workerd. Bundled (like wrangler does) from the package's
// public specifiers by the runner.
import * as core from 'p100-webhooks';
import * as fetchEntry from 'p100-webhooks/fetch';
import * as lambda from 'p100-webhooks/lambda';
import * as testing from 'p100-webhooks/testing';
import { detectRuntime, neutralChecks, runChecks, SECRET } from './checks.mjs';

const events = [];
const webhook = fetchEntry.createFetchHandler({
  secret: SECRET,
  maxBodyBytes: 1024,
  onEvent: (event) => {
    events.push(event);
  },
});

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/__events') return Response.json(events);
    if (pathname === '/__checks') {
      const lines = [];
      const result = await runChecks(neutralChecks({ core, fetch: fetchEntry, lambda, testing }), (l) => lines.push(l));
      return Response.json({ ...detectRuntime(), ...result, lines, hasProcess: typeof process !== 'undefined' });
    }
    return webhook(request);
  },
};
