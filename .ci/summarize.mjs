// Adds up every report in the folder given (vitest JSON reports, and {passed, failed} files written by
// the other CI stages) and prints the one line CI reads: "N passed, N failed".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.ci/out';
let passed = 0;
let failed = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const report = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const p = report.numPassedTests ?? report.passed ?? 0;
  const f = (report.numFailedTests ?? report.failed ?? 0) + (report.numFailedTestSuites ?? 0);
  console.log(`${name.replace(/\.json$/, '')}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
if (passed + failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
