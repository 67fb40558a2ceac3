#!/usr/bin/env node
/**
 * The core's parsing cost next to the unavoidable floor, measured side by side (bench/side-by-side.mjs).
 *
 * - strings: `safeParsePoaVerificationEvent(text)` against `JSON.parse(text)`;
 * - bytes: `safeParsePoaVerificationEvent(bytes)` against `JSON.parse(new TextDecoder().decode(bytes))`.
 *
 * Both sides walk the same pool of distinct, freshly generated bodies in the same order (one new body per
 * call), so nothing can be cached between calls. A reference row shows what validating with the valibot
 * schema (instead of the hand-written fast path the property tests tie to it) would cost.
 *
 * Floor and core alternate in reads of 1024 calls each, with the CPU time read around each; the reads
 * form blocks of about 20 ms of the floor's CPU, each block gives a ratio, and the reported ratio is
 * the median over the blocks, printed with their spread. Target: <= 1.30x.
 *
 * It imports the built package (`npm run bench` builds first); `P100_DIST=/path/to/dist` picks another build.
 * Usage: node bench/core.bench.mjs [--quick]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { do_not_optimize } from 'mitata';
import { compare, spread } from './side-by-side.mjs';

const quick = process.argv.includes('--quick');
const TARGET = 1.3;
const ROUNDS = quick ? 11 : 31;
const POOL = 1 << 13; // 8192 distinct bodies per pool
const MASK = POOL - 1;

const dist = resolve(process.env.P100_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url)));
const entry = resolve(dist, 'index.js');
if (!existsSync(entry)) {
  console.error(`core bench: ${entry} not found; run npm run build (or npm run bench) first`);
  process.exit(1);
}
const { safeParsePoaVerificationEvent, PoaVerificationEventSchema } = await import(pathToFileURL(entry).href);
const v = await import('valibot');

const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Distinct bodies, generated at run time (no literals V8 could intern). */
function pool(extraFields) {
  const texts = [];
  for (let i = 0; i < POOL; i++) {
    const payload = { externalUserId: `user-${(i * 2654435761) >>> 0}-${Math.random().toString(36).slice(2, 10)}`, status: STATUSES[i & 3] };
    if (extraFields) {
      payload.reviewedAt = new Date(1_700_000_000_000 + i * 1000).toISOString();
      payload.reviewer = { id: i, note: `note ${i}` };
    }
    texts.push(JSON.stringify(payload));
  }
  return texts;
}

function check(result) {
  if (!result.success) throw new Error(`core bench: a valid body was refused: ${result.error.code}`);
}

const CASES = [];
for (const [label, extra] of [
  ['minimal payload', false],
  ['payload with extra fields', true],
]) {
  const texts = pool(extra);
  const bytes = texts.map((t) => encoder.encode(t));
  for (const t of texts.slice(0, 64)) check(safeParsePoaVerificationEvent(t));
  for (const b of bytes.slice(0, 64)) check(safeParsePoaVerificationEvent(b));
  const bodyBytes = Math.round(bytes.reduce((n, b) => n + b.length, 0) / bytes.length);
  let i = 0;
  let j = 0;
  CASES.push({
    name: `string, ${label} (~${bodyBytes} B)`,
    floorName: 'JSON.parse',
    floor: () => do_not_optimize(JSON.parse(texts[i++ & MASK])),
    core: () => do_not_optimize(safeParsePoaVerificationEvent(texts[j++ & MASK])),
  });
  if (!extra) {
    let m = 0;
    let n = 0;
    CASES.push({
      name: `string, ${label}, the valibot schema instead of the fast path (reference only)`,
      floorName: 'JSON.parse',
      reference: true,
      floor: () => do_not_optimize(JSON.parse(texts[m++ & MASK])),
      core: () => do_not_optimize(v.safeParse(PoaVerificationEventSchema, JSON.parse(texts[n++ & MASK]))),
    });
  }
  let k = 0;
  let l = 0;
  CASES.push({
    name: `bytes, ${label} (~${bodyBytes} B)`,
    floorName: 'TextDecoder + JSON.parse',
    floor: () => do_not_optimize(JSON.parse(decoder.decode(bytes[k++ & MASK]))),
    core: () => do_not_optimize(safeParsePoaVerificationEvent(bytes[l++ & MASK])),
  });
}

const ns = (value) => `${value.toFixed(1).padStart(7)} ns`;

console.log(`core: safeParsePoaVerificationEvent vs the floor (${quick ? 'quick, ' : ''}CPU time per call, side by side, median of ${ROUNDS} blocks)`);
console.log(`dist: ${dist}`);
const rows = [];
for (const c of CASES) {
  const { ratio, ratios, oursUs, floorUs } = await compare({ ours: c.core, floor: c.floor }, { calls: 1024, rounds: ROUNDS, warmUp: 200_000 });
  rows.push({ ...c, floorNs: floorUs * 1000, coreNs: oursUs * 1000, ratio, ratios });
}

const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) {
  console.log(
    `  ${r.name.padEnd(width)}  floor (${r.floorName}) ${ns(r.floorNs)}  core ${ns(r.coreNs)}  ratio ${r.ratio.toFixed(2)}x ` +
      `(blocks ${spread(r.ratios)}) ${r.reference ? 'reference' : r.ratio <= TARGET ? 'ok' : `OVER the ${TARGET.toFixed(2)}x target`}`,
  );
}
const worst = Math.max(...rows.filter((r) => !r.reference).map((r) => r.ratio));
console.log(`core: worst ratio ${worst.toFixed(2)}x (target <= ${TARGET.toFixed(2)}x)`);
