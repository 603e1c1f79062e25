/** Runs the real core on YAML strings: the way rule tests and examples exercise a rule. */
import { audit } from '../../src/core/audit.ts';
import type { AuditResult } from '../../src/core/audit-result.ts';
import { configSchema } from '../../src/core/policy/config-schema.ts';

export const NOW = new Date('2026-11-22T12:00:00Z');

export function auditYaml(
  base: string | Record<string, string> | undefined,
  head: string | Record<string, string>,
  config: Record<string, unknown> = {},
  unchanged: Record<string, string> = {},
): AuditResult {
  const files = (v: string | Record<string, string>) =>
    Object.entries(typeof v === 'string' ? { 'ingress.yaml': v } : v).map(([path, content]) => ({
      path,
      content,
    }));
  return audit(
    {
      base: base === undefined ? null : files(base),
      head: files(head),
      unchanged: files(unchanged),
      baseRef: base === undefined ? null : 'base',
      headRef: 'head',
    },
    { config: configSchema.parse(config), now: NOW },
  );
}

/** Findings that would count against the change (or, in scan mode, are present). */
export function raised(result: AuditResult, ruleId?: string) {
  return result.findings.filter(
    (f) =>
      (ruleId === undefined || f.ruleId === ruleId) &&
      ['introduced', 'worsened', 'present'].includes(f.status),
  );
}
