/** Risk score, posture and check conclusion (RULES.md "Scoring"). */
import type { AuditResult, Conclusion } from '../audit-result.ts';
import { type Finding, type Severity, type Status, severityRank } from '../findings.ts';
/** Same values as the config's `failOn` (policy/config-schema.ts). */
export type FailOn = Exclude<Severity, 'info'> | 'never';

/** Points per finding. */
export const SEVERITY_POINTS: Readonly<Record<Severity, number>> = {
  critical: 40,
  high: 20,
  medium: 8,
  low: 3,
  info: 0,
};

export const MAX_SCORE = 100;

const AT_BASE: ReadonlySet<Status> = new Set(['preexisting', 'resolved', 'worsened']);
const AT_HEAD: ReadonlySet<Status> = new Set(['introduced', 'worsened', 'preexisting', 'present']);

/**
 * Whether a finding is part of what this run judges. `present` only occurs in scan mode, where there is
 * no base: scanning is judged like a change from nothing, so `scan --fail-on high` fails on a high finding.
 */
export function isNew(f: Pick<Finding, 'status'>): boolean {
  return f.status === 'introduced' || f.status === 'worsened' || f.status === 'present';
}

/** Counts toward the risk score: new and not waived (an expired waiver leaves `waived` null). */
export function countsTowardRisk(f: Pick<Finding, 'status' | 'waived'>): boolean {
  return isNew(f) && f.waived === null;
}

/** Would make the check fail under `failOn`. */
export function isBlocking(f: Pick<Finding, 'status' | 'waived' | 'severity'>, failOn: FailOn): boolean {
  return failOn !== 'never' && countsTowardRisk(f) && severityRank(f.severity) >= severityRank(failOn);
}

function points(findings: Finding[]): number {
  return Math.min(
    MAX_SCORE,
    findings.reduce((sum, f) => sum + SEVERITY_POINTS[f.severity], 0),
  );
}

export interface Score {
  risk: AuditResult['risk'];
  conclusion: Conclusion;
  conclusionReasons: string[];
  /** The findings that make the conclusion `failure` (empty otherwise). */
  blocking: Finding[];
}

/**
 * Score the findings of one run.
 *
 * Posture counts waived findings too: a waiver accepts a risk, it does not remove it, and posture
 * describes the state of the repo at each ref.
 *
 * Conclusion: `failure` wins over `neutral`. A neutral conclusion passes a required check on GitHub, so
 * letting a config or tooling error turn a real blocking finding into a pass would be a silent pass.
 * Broken config keys fall back to the documented defaults, so the findings are still real. The reasons
 * are returned in both cases so the report can show them.
 */
export function scoreFindings(findings: Finding[], failOn: FailOn, neutralReasons: string[] = []): Score {
  const counted = findings.filter(countsTowardRisk);
  const level = counted.reduce<Severity | 'none'>(
    (top, f) => (top === 'none' || severityRank(f.severity) > severityRank(top) ? f.severity : top),
    'none',
  );
  const blocking = findings.filter((f) => isBlocking(f, failOn));
  const conclusion: Conclusion =
    blocking.length > 0 ? 'failure' : neutralReasons.length > 0 ? 'neutral' : 'success';
  return {
    risk: {
      score: points(counted),
      level,
      basePosture: points(findings.filter((f) => AT_BASE.has(f.status))),
      headPosture: points(findings.filter((f) => AT_HEAD.has(f.status))),
    },
    conclusion,
    conclusionReasons: [...neutralReasons],
    blocking,
  };
}
