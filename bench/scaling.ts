/**
 * Wall time of auditing the big change of N apps (4 documents each, every file of both sides handed
 * in), best of `runs`, in a process of its own: the scaling section of bench/run.ts compares two
 * sizes without either inheriting the other's heap. Prints one JSON line `{ apps, ms }`.
 *
 *   node bench/scaling.ts APPS [runs]
 */
import { audit } from '../src/core/audit.ts';
import { defaultConfig } from '../src/core/policy/config.ts';
import { bigChange } from './generate.ts';

const apps = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 3);
if (!Number.isInteger(apps) || apps <= 0) throw new Error('usage: node bench/scaling.ts APPS [runs]');
const config = defaultConfig();
const now = new Date('2026-11-22T00:00:00Z');
const { base, head } = bigChange(apps);
let best = Number.POSITIVE_INFINITY;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  audit({ base, head, baseRef: 'base', headRef: 'head' }, { config, now });
  best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(JSON.stringify({ apps, ms: Math.round(best) }));
