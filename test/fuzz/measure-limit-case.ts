/**
 * Runs one limit case through the whole pipeline and measures it: wall time, peak RSS of the process,
 * notices, objects, the largest rendered surface. As a child process (`node measure-limit-case.ts
 * "<case name>"`, used by `npm run fuzz`) it prints one JSON line, and the peak memory is that case's alone.
 */
import { fileURLToPath } from 'node:url';
import { LIMIT_CASES, type LimitCase } from './limit-cases.ts';
import { publishedTexts, runPipeline } from './run-pipeline.ts';

export interface LimitMeasurement {
  name: string;
  ms: number;
  /** Peak resident memory of the process so far (`process.resourceUsage().maxRSS`). */
  peakRssMb: number;
  /** The same, before the case ran: node, the modules and the built input. */
  baselineRssMb: number;
  notices: string[];
  objects: number;
  findings: number;
  largestOutput: { surface: string; length: number };
  error: string | null;
}

/** Where each bound was missed, or [] when the case behaved. */
export function violations(c: LimitCase, m: LimitMeasurement): string[] {
  const out: string[] = [];
  if (m.error) out.push(`threw: ${m.error.split('\n')[0]}`);
  if (c.notice && !m.notices.some((n) => c.notice!.test(n))) out.push(`no notice matching ${c.notice}`);
  if (!c.notice && m.notices.length > 0) out.push(`unexpected notices: ${m.notices.slice(0, 3).join('; ')}`);
  if (c.minObjects !== undefined && m.objects < c.minObjects)
    out.push(`${m.objects} objects < ${c.minObjects}`);
  if (m.ms > c.maxMs) out.push(`${m.ms} ms > ${c.maxMs} ms`);
  if (m.peakRssMb > c.maxRssMb) out.push(`peak RSS ${m.peakRssMb} MB > ${c.maxRssMb} MB`);
  return out;
}

const mb = (kb: number) => Math.round(kb / 1024);

export function measureLimitCase(c: LimitCase): LimitMeasurement {
  const head = c.head();
  const baselineRssMb = mb(process.resourceUsage().maxRSS);
  const start = performance.now();
  let out: ReturnType<typeof runPipeline> | null = null;
  let error: string | null = null;
  try {
    out = runPipeline({ base: [], head });
  } catch (e) {
    error = (e as Error)?.stack ?? String(e);
  }
  const ms = Math.round(performance.now() - start);
  const largest = out
    ? publishedTexts(out).reduce((a, b) => (b.text.length > a.text.length ? b : a))
    : { surface: '', text: '' };
  return {
    name: c.name,
    ms,
    peakRssMb: mb(process.resourceUsage().maxRSS),
    baselineRssMb,
    notices: out?.result.notices.map((n) => `${n.file}:${n.line} ${n.message.slice(0, 200)}`) ?? [],
    objects: out?.result.objects.length ?? 0,
    findings: out?.result.findings.length ?? 0,
    largestOutput: { surface: largest.surface, length: largest.text.length },
    error,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const c = LIMIT_CASES.find((x) => x.name === process.argv[2]);
  if (!c) {
    process.stderr.write(`no limit case named ${JSON.stringify(process.argv[2])}\n`);
    process.exitCode = 2;
  } else process.stdout.write(`${JSON.stringify(measureLimitCase(c))}\n`);
}
