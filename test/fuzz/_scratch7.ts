import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { PROPERTIES } from './pipeline-properties.ts';

const p = PROPERTIES.find((q) => q.name.includes(process.argv[2]))!;
const d = fc.check(p.property, { numRuns: Number(process.argv[4]), seed: Number(process.argv[3]) });
const ser = (v: unknown): unknown =>
  v instanceof Uint8Array
    ? { bytes: Buffer.from(v).toString('base64') }
    : Array.isArray(v)
      ? v.map(ser)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ser(x)]))
        : v;
writeFileSync('/tmp/fz/cex.json', JSON.stringify(ser(d.counterexample), null, 1));
console.log(d.failed);
