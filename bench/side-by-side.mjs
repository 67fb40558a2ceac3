/**
 * CPU time of two sides (our code and its floor) measured side by side in one process, the way the
 * benches and the speed gate compare them on a shared machine.
 *
 * The sides alternate read by read (a read: a few calls, one after the other; the side going first
 * flips each time) with `process.cpuUsage()` read around each, so both see the same machine: load
 * from other processes stretches wall time, and even CPU time through shared caches, but it hits both
 * sides alike and mostly cancels out in the ratio, which wall-time batches seconds apart do not. Reads are grouped into blocks of about
 * `blockUs` of the floor's CPU time (a scavenge or a preemption is a small part of any block); each
 * block gives one ratio, and the result is their median, with the spread.
 */

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const drain = () => new Promise(setImmediate);

/**
 * @param {object} sides
 * @param {() => unknown} sides.ours - one call of our code (one delivery); may return a promise
 * @param {() => unknown} sides.floor - one call of the floor
 * @param {object} [options]
 * @param {number} [options.calls] - calls per read, one after the other, so that the read itself
 *   (about 1-2 µs) is a small part of what it measures
 * @param {number} [options.rounds] - blocks measured, each giving one ratio
 * @param {number} [options.warmUp] - calls per side before measuring (the JIT tiers up by calls)
 * @param {number} [options.blockUs] - CPU microseconds of the floor per block
 * @returns {Promise<{ ratio: number, ratios: number[], oursUs: number, floorUs: number }>} the median
 *   ratio ours / floor, every block's ratio, and the median CPU microseconds per call of each side
 */
export async function compare({ ours, floor }, { calls = 8, rounds = 15, warmUp = 5000, blockUs = 20_000 } = {}) {
  const sides = { ours, floor };
  const block = async (reads) => {
    const spent = { ours: 0, floor: 0 };
    for (let i = 0; i < reads; i++) {
      for (const side of i % 2 ? ['floor', 'ours'] : ['ours', 'floor']) {
        const call = sides[side];
        let async = false;
        const start = cpu();
        for (let c = 0; c < calls; c++) {
          const pending = call();
          if (pending instanceof Promise) {
            async = true;
            await pending;
          }
        }
        spent[side] += cpu() - start;
        // What the calls left queued (stream cleanup, timers) runs here, outside the window.
        if (async) await drain();
      }
    }
    return { ours: spent.ours / (reads * calls), floor: spent.floor / (reads * calls) };
  };
  await block(Math.ceil(warmUp / calls));
  const probe = await block(Math.ceil(500 / calls));
  const reads = Math.max(20, Math.ceil(blockUs / (probe.floor * calls)));
  const oursUs = [];
  const floorUs = [];
  for (let round = 0; round < rounds; round++) {
    const result = await block(reads);
    oursUs.push(result.ours);
    floorUs.push(result.floor);
  }
  const ratios = oursUs.map((us, i) => us / floorUs[i]);
  return { ratio: median(ratios), ratios, oursUs: median(oursUs), floorUs: median(floorUs) };
}

/** `min-max` of the block ratios, for printing beside the median. */
export function spread(ratios, digits = 2) {
  return `${Math.min(...ratios).toFixed(digits)}-${Math.max(...ratios).toFixed(digits)}`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
