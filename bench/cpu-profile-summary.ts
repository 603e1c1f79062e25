/**
 * Self time of a V8 CPU profile (`node --cpu-prof`) by where the code lives: for the Action bundle, the
 * package or source folder named by esbuild's `// node_modules/…` and `// src/…` section comments;
 * otherwise the script's URL (Node internals) or the pseudo-frame (program, idle, GC).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds of self time per place, largest first. */
export function selfTimeByPlace(
  profile: CpuProfile,
  bundlePath: string,
  bundleText: string,
): [string, number][] {
  const sections: [number, string][] = [];
  bundleText.split('\n').forEach((line, i) => {
    const m = /^\/\/ (node_modules\/(?:@[^/]+\/)?[^/]+|src\/[^/]+|rules)\//.exec(line);
    if (m) sections.push([i, m[1]]);
  });
  const sectionOf = (line: number) => {
    let found = '(bundle preamble)';
    for (const [start, name] of sections) {
      if (start > line) break;
      found = name;
    }
    return found;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const place = frame.url.endsWith(bundlePath)
      ? sectionOf(frame.lineNumber)
      : frame.url || `(${frame.functionName})`;
    totals.set(place, (totals.get(place) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}
