import fc from 'fast-check';
import { changeSet } from './change-set-arbitrary.ts';
import { runPipeline } from './run-pipeline.ts';
const samples = fc.sample(changeSet, { numRuns: Number(process.argv[2] ?? 200), seed: Number(process.argv[3] ?? 1) });
let total = 0; const times: number[] = [];
for (const [i, c] of samples.entries()) {
  const size = [...(c.base ?? []), ...c.head].reduce((a, f) => a + f.content.length, 0);
  const t = performance.now();
  try { runPipeline(c); } catch (e) { console.log('THROW', (e as Error).message); }
  const ms = performance.now() - t;
  total += ms; times.push(ms);
  if (ms > 300) console.log(i, 'size', size, Math.round(ms), 'ms', JSON.stringify(c).slice(0, 200));
}
times.sort((a, b) => a - b);
console.log('total', Math.round(total), 'median', times[times.length >> 1].toFixed(1), 'p99', times[Math.floor(times.length * 0.99)].toFixed(1), 'max', times[times.length - 1].toFixed(1));
