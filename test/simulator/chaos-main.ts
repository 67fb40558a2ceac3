/**
 * `npm run chaos`: the full-size chaos proof of the inbox (issue 13): 20,000 deliveries from the
 * simulated P100 through 2 receiver processes into the engine, 3 worker processes with the
 * PostgreSQL ledger, receivers and workers SIGKILLed at random moments and restarted, then the
 * checks, the replay of the dead letters and the checks again; prints the report and exits 1 on any
 * violation.
 *
 *   npm run chaos -- [--engine pg-boss|bullmq] [--deliveries 20000] [--kills 20] [--scale 0.1]
 *                    [--rate 120] [--seed 1] [--mutate lose-enqueue|no-ledger|double-effect]
 *
 * pg-boss runs on P100_TEST_POSTGRES_URL, BullMQ on P100_TEST_REDIS_URL; the ledger and the effects
 * table are on P100_TEST_POSTGRES_URL. `--mutate` injects a defect, to see the checks fail.
 *
 * P100's times are scaled by 0.1 (8 s becomes 800 ms, its 30 s wait for an answer 3 s) and P100
 * sends about 120 deliveries/s: at 0.05 and 250/s, on 2 shared cores, the receivers fell behind,
 * P100 timed out and gave up on two thirds of the deliveries, and the run reports that as
 * `overloaded`.
 */
import { parseArgs } from 'node:util';
import { CHAOS_MUTATIONS, type ChaosMutation } from './chaos-config.ts';
import { CHAOS_ENGINES, type ChaosEngineName } from './chaos-engine.ts';
import { formatChaos, runChaos } from './run-chaos.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pg-boss' },
    deliveries: { type: 'string', default: '20000' },
    kills: { type: 'string' },
    scale: { type: 'string', default: '0.1' },
    rate: { type: 'string', default: '120' },
    seed: { type: 'string', default: '1' },
    mutate: { type: 'string' },
  },
});
const engine = values.engine as ChaosEngineName;
if (!CHAOS_ENGINES.includes(engine)) throw new TypeError(`--engine must be one of ${CHAOS_ENGINES.join(', ')}`);
const mutate = values.mutate as ChaosMutation | undefined;
if (mutate !== undefined && !CHAOS_MUTATIONS.includes(mutate)) throw new TypeError(`--mutate must be one of ${CHAOS_MUTATIONS.join(', ')}`);
const need = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    console.error(`${name} is not set (eval "$(scripts/servers/${name.includes('REDIS') ? 'redis' : 'postgres'}.sh start)")`);
    process.exit(2);
  }
  return value;
};
const ledgerUrl = need('P100_TEST_POSTGRES_URL');
const engineUrl = engine === 'pg-boss' ? ledgerUrl : need('P100_TEST_REDIS_URL');
const deliveries = Number(values.deliveries);
const seed = Number(values.seed);
const run = await runChaos({
  engine, engineUrl, ledgerUrl, deliveries, seed, scale: Number(values.scale), rate: Number(values.rate),
  ...(values.kills === undefined ? {} : { kills: Number(values.kills) }),
  ...(mutate === undefined ? {} : { mutate }),
});
console.log(formatChaos(`${engine}: ${deliveries} deliveries, 2 receivers, 3 workers, seed ${seed}${mutate === undefined ? '' : `, MUTATED: ${mutate}`}`, run));
process.exitCode = run.violations.length > 0 ? 1 : 0;
