// `npm run bench`: every benchmark against a baseline measured in the same run, as ratios.
import { mkdirSync, writeFileSync } from 'node:fs';
import { eventDeliveryBench } from './event-delivery.bench.js';
import type { BenchResult } from './stats.js';

const benches: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'event delivery', run: eventDeliveryBench },
];

const results: BenchResult[] = [];
for (const bench of benches) {
  console.log(`running ${bench.name} ...`);
  results.push(...(await bench.run()));
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
