import type { Severity } from '../findings.ts';

/** Colour cue per severity in markdown; the severity word is always printed beside it. */
export const SEVERITY_ICON: Readonly<Record<Severity, string>> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
};
