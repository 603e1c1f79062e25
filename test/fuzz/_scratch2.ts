import { readFileSync } from 'node:fs';
import { loadFiles } from '../../src/core/manifests/load.ts';
import { isRelevantKind } from '../../src/core/manifests/kinds.ts';
import { auditInput, renderAll } from './run-pipeline.ts';
const d = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const de = (fs: any[] | null) => fs && fs.map((f: any) => ({ path: f.path, content: typeof f.content === 'string' ? f.content : new Uint8Array(Buffer.from(f.content.bytes, 'base64')) }));
const c = { base: de(d.base), head: de(d.head), unchanged: de(d.unchanged) };
for (const f of c.head) {
  const t = performance.now();
  const l = loadFiles([f], { wantKind: isRelevantKind });
  console.log('load', f.path, f.content.length, Math.round(performance.now() - t), 'ms', l.documents.length, l.notices.map((n) => n.message.slice(0, 100)));
}
let t = performance.now();
const r = auditInput(c);
console.log('audit', Math.round(performance.now() - t), r.findings.length);
t = performance.now();
renderAll(r);
console.log('render', Math.round(performance.now() - t));
