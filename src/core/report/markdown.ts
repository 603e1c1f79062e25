/**
 * The markdown report: the sticky PR comment and the check-run summary. Sized for GitHub: when the
 * whole report does not fit `maxLength`, the least useful sections go first (preexisting details,
 * notices, diagram, owners, then rows from the bottom) and a visible note says what was left out.
 */
import type { AuditResult, Conclusion } from '../audit-result.ts';
import type { Finding } from '../findings.ts';
import type { RuleMeta } from '../rule.ts';
import { clip, inlineCode, mdLink, mdText } from './escape.ts';
import { compareNotices, objectLabel, routeLabel, sortFindings } from './finding-order.ts';
import { renderRoutingDiagram } from './mermaid.ts';
import { redact, redactResult } from './redact.ts';
import { reportTitle } from './report-title.ts';
import { ruleDocsUrl } from './rule-docs-url.ts';
import { isNew } from './score.ts';
import { SEVERITY_ICON } from './severity-icon.ts';

export { hiddenMarker, readHiddenMarker } from './hidden-marker.ts';
export { reportTitle } from './report-title.ts';

export interface MarkdownOptions {
  /** Default 65,000: under both the comment (65,536) and check summary (65,535) limits, with room for markers. */
  maxLength?: number;
  /** Where `docs/rules/<id>.md` lives, e.g. `https://github.com/OWNER/REPO/blob/v1/`. No link when absent. */
  docsBaseUrl?: string;
  /** Owners per object (key: `objectLabel`), shown by name without notifying anyone. */
  owners?: ReadonlyMap<string, readonly string[]>;
  /** Draw the routing diagram (default true). */
  diagram?: boolean;
  /** Rule metadata: each rule's title becomes the tooltip of its docs link. */
  ruleMeta?: readonly RuleMeta[];
}

export const DEFAULT_MAX_LENGTH = 65_000;
/** Per-cell caps keep one giant message from crowding out every other row. */
const MAX_MESSAGE = 1_000;
const MAX_FIELD = 200;
const MAX_REASONS = 20;

const CONCLUSION_ICON: Record<Conclusion, string> = { failure: '❌', neutral: '⚠️', success: '✅' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ruleCell(ruleId: string, opts: MarkdownOptions, table: boolean): string {
  const code = inlineCode(clip(ruleId, MAX_FIELD), { table });
  if (!opts.docsBaseUrl) return code;
  const title = opts.ruleMeta?.find((m) => m.id === ruleId)?.title;
  // In a table cell a `|` in the tooltip would split the row.
  return mdLink(code, ruleDocsUrl(opts.docsBaseUrl, ruleId), table ? title?.replace(/\|/g, '/') : title);
}

function locationCell(f: Finding, table: boolean): string {
  const where = inlineCode(clip(`${f.file}:${f.line}`, MAX_FIELD), { table });
  const route = routeLabel(f);
  return route ? `${where}${table ? '<br>' : ' · '}${inlineCode(clip(route, MAX_FIELD), { table })}` : where;
}

function waiverText(f: Finding): string {
  const w = f.waived;
  if (w) {
    const by = w.by ? ` by ${mdText(clip(w.by, MAX_FIELD))}` : '';
    const when = w.at ? ` on ${mdText(clip(w.at, MAX_FIELD))}` : '';
    const until = w.expires ? `, expires ${mdText(clip(w.expires, MAX_FIELD))}` : '';
    return `waived${by}${when} (${mdText(w.source)}): ${mdText(clip(w.reason, MAX_MESSAGE))}${until}`;
  }
  if (f.expiredWaiver) {
    const e = f.expiredWaiver;
    const by = e.by ? ` by ${mdText(clip(e.by, MAX_FIELD))}` : '';
    const on = e.expires ? ` on ${mdText(clip(e.expires, MAX_FIELD))}` : '';
    return `_waiver${by} expired${on}_`;
  }
  return '';
}

function messageCell(f: Finding): string {
  const extra = waiverText(f);
  return extra ? `${mdText(clip(f.message, MAX_MESSAGE))} · ${extra}` : mdText(clip(f.message, MAX_MESSAGE));
}

function severityCell(f: Finding): string {
  return `${SEVERITY_ICON[f.severity]} ${f.severity}${f.status === 'worsened' ? ' ↑ worsened' : ''}`;
}

/** Truncation renders the report many times; each row is escaped once per `renderMarkdown` call. */
type RowCache = Map<Finding, Map<string, string>>;

function cached(cache: RowCache, f: Finding, key: string, make: () => string): string {
  let entry = cache.get(f);
  if (!entry) {
    entry = new Map();
    cache.set(f, entry);
  }
  let value = entry.get(key);
  if (value === undefined) {
    value = make();
    entry.set(key, value);
  }
  return value;
}

function tableRow(cache: RowCache, f: Finding, opts: MarkdownOptions): string {
  return cached(cache, f, 'row', () => {
    const cells = [
      severityCell(f),
      ruleCell(f.ruleId, opts, true),
      mdText(clip(objectLabel(f), MAX_FIELD)),
      locationCell(f, true),
      messageCell(f),
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

function table(cache: RowCache, rows: Finding[], opts: MarkdownOptions): string {
  const lines = ['| Severity | Rule | Object | Location | Message |', '| --- | --- | --- | --- | --- |'];
  for (const f of rows) lines.push(tableRow(cache, f, opts));
  return lines.join('\n');
}

function listItem(cache: RowCache, f: Finding, opts: MarkdownOptions, icon: string): string {
  return cached(
    cache,
    f,
    `item\u0000${icon}`,
    () =>
      `- ${icon} ${ruleCell(f.ruleId, opts, false)} · ${mdText(clip(objectLabel(f), MAX_FIELD))} · ${locationCell(f, false)} — ${messageCell(f)}`,
  );
}

function details(summary: string, body: string): string {
  // Blank lines around the body so GitHub renders the markdown inside the HTML block.
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

interface Plan {
  preexisting: boolean;
  notices: boolean;
  diagram: boolean;
  owners: boolean;
  newRows: number;
  resolvedRows: number;
  waivedRows: number;
}

interface Parts {
  result: AuditResult;
  opts: MarkdownOptions;
  fresh: Finding[];
  resolved: Finding[];
  waived: Finding[];
  preexisting: Finding[];
  diagram: string;
  cache: RowCache;
}

function render(p: Parts, plan: Plan): string {
  const { result: r, opts } = p;
  const sections: string[] = [];
  sections.push(`### ${CONCLUSION_ICON[r.conclusion]} ingress-audit: ${reportTitle(r)}`);

  const refs =
    r.mode === 'scan'
      ? `scan of ${inlineCode(clip(r.head, MAX_FIELD))}`
      : `${r.base === null ? 'no base' : inlineCode(clip(r.base, MAX_FIELD))} → ${inlineCode(clip(r.head, MAX_FIELD))}`;
  const risk =
    r.mode === 'scan'
      ? `**Posture ${r.risk.headPosture}/100**`
      : `**Risk ${r.risk.score}/100** · posture ${r.risk.basePosture} → ${r.risk.headPosture}`;
  sections.push(`${risk} · level **${r.risk.level}** · conclusion **${r.conclusion}** · ${refs}`);

  if (r.conclusionReasons.length > 0) {
    const reasons = r.conclusionReasons.slice(0, MAX_REASONS).map((x) => `- ${mdText(clip(x, MAX_MESSAGE))}`);
    if (r.conclusionReasons.length > MAX_REASONS)
      reasons.push(`- … ${r.conclusionReasons.length - MAX_REASONS} more`);
    sections.push(`**The audit is incomplete:**\n\n${reasons.join('\n')}`);
  }

  const heading = r.mode === 'scan' ? 'Findings' : 'New and worsened findings';
  if (p.fresh.length === 0) {
    sections.push(r.mode === 'scan' ? 'No findings.' : 'No new or worsened findings.');
  } else if (plan.newRows > 0) {
    sections.push(
      `#### ${heading} (${p.fresh.length})\n\n${table(p.cache, p.fresh.slice(0, plan.newRows), opts)}`,
    );
  }

  if (p.resolved.length > 0 && plan.resolvedRows > 0) {
    const items = p.resolved.slice(0, plan.resolvedRows).map((f) => listItem(p.cache, f, opts, '✅'));
    sections.push(`#### Improvements: resolved findings (${p.resolved.length})\n\n${items.join('\n')}`);
  }

  if (p.waived.length > 0 && plan.waivedRows > 0) {
    const items = p.waived
      .slice(0, plan.waivedRows)
      .map((f) => listItem(p.cache, f, opts, SEVERITY_ICON[f.severity]));
    sections.push(`#### Waived (${p.waived.length})\n\n${items.join('\n')}`);
  }

  if (p.preexisting.length > 0 && plan.preexisting) {
    sections.push(
      details(
        `${plural(p.preexisting.length, 'preexisting finding')} (not caused by this change)`,
        table(p.cache, p.preexisting, opts),
      ),
    );
  }

  if (r.notices.length > 0 && plan.notices) {
    const items = [...r.notices]
      .sort(compareNotices)
      .map(
        (n) =>
          `- ${inlineCode(clip(`${n.file}:${n.line}`, MAX_FIELD))} ${mdText(clip(n.message, MAX_MESSAGE))}`,
      );
    sections.push(details(plural(r.notices.length, 'notice'), items.join('\n')));
  }

  if (opts.owners && opts.owners.size > 0 && plan.owners) {
    const items = [...opts.owners.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([label, names]) =>
          `- ${mdText(clip(redact(label), MAX_FIELD))}: ${names.map((n) => mdText(clip(redact(n), MAX_FIELD))).join(', ')}`,
      );
    sections.push(`#### Owners\n\n_Listed for reviewers; nobody is notified._\n\n${items.join('\n')}`);
  }

  if (p.diagram && plan.diagram) {
    // Not codeBlock(): its reference breaking would corrupt mermaid's `#34;` entity codes and colours. The
    // diagram is safe as is: mermaidLabel encodes every backtick, `<`, `@` and `#` in labels.
    const block = `\`\`\`mermaid\n${p.diagram}\n\`\`\``;
    sections.push(details('Routing diagram', block).replace('<details>', '<details open>'));
  }

  const note = truncationNote(p, plan);
  if (note) sections.push(note);
  return `${sections.join('\n\n')}\n`;
}

function truncationNote(p: Parts, plan: Plan): string {
  const hiddenFindings =
    (plan.preexisting ? 0 : p.preexisting.length) +
    (p.fresh.length - Math.min(plan.newRows, p.fresh.length)) +
    (p.resolved.length - Math.min(plan.resolvedRows, p.resolved.length)) +
    (p.waived.length - Math.min(plan.waivedRows, p.waived.length));
  const hidden: string[] = [];
  if (hiddenFindings > 0) hidden.push(plural(hiddenFindings, 'finding'));
  if (!plan.notices && p.result.notices.length > 0) hidden.push(plural(p.result.notices.length, 'notice'));
  if (!plan.diagram && p.diagram) hidden.push('the routing diagram');
  if (!plan.owners && p.opts.owners && p.opts.owners.size > 0) hidden.push('the owners list');
  if (hidden.length === 0) return '';
  return `> **…truncated:** ${hidden.join(', ')} not shown; see the check run / JSON report.`;
}

/** Largest n in [0, max] with fits(n), assuming fits is monotonic (fewer rows → shorter). */
function largestFitting(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function renderMarkdown(result: AuditResult, opts: MarkdownOptions = {}): string {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  const r = redactResult(result);
  const sorted = sortFindings(r.findings);
  const parts: Parts = {
    result: r,
    opts,
    fresh: sorted.filter((f) => isNew(f) && f.waived === null),
    resolved: sorted.filter((f) => f.status === 'resolved'),
    waived: sorted.filter((f) => isNew(f) && f.waived !== null),
    preexisting: sorted.filter((f) => f.status === 'preexisting'),
    // The diagram reads exposures, which redactResult leaves as they are: mermaid.ts redacts its labels.
    diagram: opts.diagram === false ? '' : renderRoutingDiagram(result),
    cache: new Map(),
  };
  const plan: Plan = {
    preexisting: true,
    notices: true,
    diagram: true,
    owners: true,
    newRows: parts.fresh.length,
    resolvedRows: parts.resolved.length,
    waivedRows: parts.waived.length,
  };
  const fits = (): boolean => render(parts, plan).length <= maxLength;
  if (fits()) return render(parts, plan);

  for (const section of ['preexisting', 'notices', 'diagram', 'owners'] as const) {
    plan[section] = false;
    if (fits()) return render(parts, plan);
  }
  for (const rows of ['waivedRows', 'resolvedRows', 'newRows'] as const) {
    const all = plan[rows];
    plan[rows] = largestFitting(all, (n) => {
      plan[rows] = n;
      return fits();
    });
    if (fits()) return render(parts, plan);
  }
  // Even the bare frame is too long (a tiny maxLength): the title and the note, cut to fit.
  const minimal = `### ingress-audit: ${reportTitle(r)}\n\n${truncationNote(parts, plan)}\n`;
  return minimal.length <= maxLength ? minimal : clip(minimal, maxLength);
}
