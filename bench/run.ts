// `npm run bench [key...]`: every benchmark (or those named) against a baseline measured in the
// same run, as ratios. Keys: events, sync, activation.
import { mkdirSync, writeFileSync } from 'node:fs';
import { eventDeliveryBench } from './event-delivery.bench.js';
import { sessionActivationBench } from './session-activation.bench.js';
import { SharedSetup } from './shared-setup.js';
import type { BenchResult } from './stats.js';
import { workspaceSyncBench } from './workspace-sync.bench.js';

// In this order: the sync bench measures the workspace's first sync, which the activation bench needs made.
const benches: { key: string; name: string; run: (shared: SharedSetup) => Promise<BenchResult[]> }[] = [
  { key: 'events', name: 'event delivery', run: eventDeliveryBench },
  { key: 'sync', name: 'workspace sync and restore', run: workspaceSyncBench },
  { key: 'activation', name: 'session activation', run: sessionActivationBench },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((key) => !benches.some((bench) => bench.key === key));
if (unknown.length) {
  console.error(
    `unknown bench ${unknown.join(', ')}; known: ${benches.map((bench) => bench.key).join(', ')}`,
  );
  process.exit(2);
}

const results: BenchResult[] = [];
const shared = new SharedSetup();
try {
  for (const bench of benches) {
    if (wanted.length && !wanted.includes(bench.key)) continue;
    console.log(`running ${bench.name} ...`);
    const started = performance.now();
    results.push(...(await bench.run(shared)));
    console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
} finally {
  await shared.dispose();
}

const format = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
console.log(
  '\nbenchmark                                                        value      baseline   ratio   target        met',
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(64)} ${format(r.value).padStart(9)}  ${format(r.baseline).padStart(9)}  ${r.ratio.toFixed(2).padStart(6)}  ${r.target.padEnd(12)}  ${r.met ? 'yes' : 'NO'}`,
  );
  console.log(`  ${r.metric}`);
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/latest.json',
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
process.exit(0);
