/** The simulation report, as printed by `npm run simulate`. */
import type { SimulationRun } from './run-simulation.ts';

export function formatReport(title: string, run: SimulationRun): string {
  const perSecond = (n: number): string => (n / (run.wallMs / 1000)).toFixed(0);
  const neverApplied = run.givenUp.filter((g) => !g.applied);
  const byKind = new Map<string, number>();
  for (const v of run.violations) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
  const results = Object.entries(run.results).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(', ');
  const lines = [
    `== ${title}`,
    `users ${run.users}, true events ${run.events}, uploads ${run.uploads}, receivers ${run.receivers} (restarted ${run.restarts} times after SIGKILL)`,
    `attempts ${run.attempts} in ${(run.wallMs / 1000).toFixed(1)} s: ${perSecond(run.attempts)} deliveries/s`,
    `attempt results: ${results}`,
    `decisions: ${Object.entries(run.decisions).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `faults injected: ${Object.entries(run.faultsInjected).map(([k, n]) => `${k} ${n}`).join(', ')} (of ${run.attempts} attempts, ${((100 * Object.values(run.faultsInjected).reduce((a, b) => a + b, 0)) / run.attempts).toFixed(1)}%)`,
    `faults fired (handler ran): ${Object.entries(run.faultsFired).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `given up by P100: ${run.givenUp.length} (${neverApplied.length} never applied${neverApplied.length === 0 ? '' : `: ${neverApplied.slice(0, 10).map((g) => `${g.event} ${g.status}`).join(', ')}${neverApplied.length > 10 ? ', ...' : ''}`})`,
    `superseded before delivery: ${run.superseded}; residual ambiguity: ${run.residual}; kill repeats (effects outside the store): ${run.killRepeats.length}; late retries standing in for the next round's same status: ${run.standIns}; effects without an applied record: ${run.effectsWithoutDecision}`,
    `arrival lag (sent by P100 -> the receiver's server got it), ${run.lag.arrived} attempts: p50 ${run.lag.p50Ms} ms, p99 ${run.lag.p99Ms} ms, max ${run.lag.maxMs} ms; ${run.lag.afterClientTimeout} arrived after P100's ${run.lag.clientTimeoutMs} ms timeout; ${run.lag.slow.count} later than ${run.lag.slow.thresholdMs} ms${run.lag.slow.count === 0 ? '' : ` (sent ${run.lag.slow.fromS}-${run.lag.slow.toS} s into the run, ${run.lag.slow.inFirstSecondOfProcess} in a receiver's first second)`}`,
    `longest retry span ${run.maxRetrySpanMs} ms (must stay below H = ${run.retryHorizonMs} ms for the run to be valid)`,
    ...(run.lag.afterClientTimeout > 0 || run.maxRetrySpanMs >= run.retryHorizonMs
      ? [`NOT A VALID RUN: the simulator overloaded this machine (${run.lag.afterClientTimeout} attempts reached a receiver after P100's timeout, retry span ${run.maxRetrySpanMs} ms of H = ${run.retryHorizonMs} ms); the violations below may be its artefacts: run with a larger --scale or fewer --users`]
      : []),
    run.violations.length === 0
      ? 'violations: none'
      : `violations: ${run.violations.length} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); first: ${run.violations.slice(0, 5).map((v) => `[${v.kind}] ${v.user}: ${v.detail}`).join(' | ')}`,
  ];
  return lines.join('\n');
}
