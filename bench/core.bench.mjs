#!/usr/bin/env node
/**
 * The core's parsing cost next to the unavoidable floor, measured side by side with mitata.
 *
 * - strings: `safeParsePoaVerificationEvent(text)` against `JSON.parse(text)`;
 * - bytes: `safeParsePoaVerificationEvent(bytes)` against `JSON.parse(new TextDecoder().decode(bytes))`.
 *
 * Both sides walk the same pool of distinct, freshly generated bodies in the same order (one new body per
 * call), so nothing can be cached between calls. A reference row shows what validating with the valibot
 * schema (instead of the hand-written fast path the property tests tie to it) would cost.
 *
 * Floor and core are measured alternately in many short rounds. Load from other processes only ever adds
 * time, so the reported ratio is best core / best floor (each side's fastest round median); the median
 * of the per-round ratios and their range are printed next to it to show the noise. Target: <= 1.30x.
 *
 * It imports the built package (`npm run bench` builds first); `P100_DIST=/path/to/dist` picks another build.
 * Usage: node bench/core.bench.mjs [--quick]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { do_not_optimize, measure } from 'mitata';

const quick = process.argv.includes('--quick');
const TARGET = 1.3;
const ROUNDS = quick ? 6 : 15;
const MIN_CPU_TIME_NS = (quick ? 40 : 150) * 1e6;
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

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ns = (value) => `${value.toFixed(1).padStart(7)} ns`;

console.log(`core: safeParsePoaVerificationEvent vs the floor (${quick ? 'quick, ' : ''}${ROUNDS} interleaved rounds; ratio = best core / best floor)`);
console.log(`dist: ${dist}`);
const rows = [];
for (const c of CASES) {
  const floors = [];
  const cores = [];
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which side goes first, so drift in machine load hits both.
    const order = round % 2 === 0 ? ['floor', 'core'] : ['core', 'floor'];
    const stats = {};
    for (const side of order) stats[side] = await measure(c[side], { min_cpu_time: MIN_CPU_TIME_NS });
    floors.push(stats.floor.p50);
    cores.push(stats.core.p50);
    ratios.push(stats.core.p50 / stats.floor.p50);
  }
  const floorNs = Math.min(...floors);
  const coreNs = Math.min(...cores);
  rows.push({ ...c, floorNs, coreNs, ratio: coreNs / floorNs, medianRatio: median(ratios), spread: [Math.min(...ratios), Math.max(...ratios)] });
}

const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) {
  console.log(
    `  ${r.name.padEnd(width)}  floor (${r.floorName}) ${ns(r.floorNs)}  core ${ns(r.coreNs)}  ratio ${r.ratio.toFixed(2)}x ` +
      `(per round: median ${r.medianRatio.toFixed(2)}x, ${r.spread[0].toFixed(2)}-${r.spread[1].toFixed(2)}) ${r.reference ? 'reference' : r.ratio <= TARGET ? 'ok' : `OVER the ${TARGET.toFixed(2)}x target`}`,
  );
}
const worst = Math.max(...rows.filter((r) => !r.reference).map((r) => r.ratio));
console.log(`core: worst ratio ${worst.toFixed(2)}x (target <= ${TARGET.toFixed(2)}x)`);
