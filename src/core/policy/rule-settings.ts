/** How the config's `rules:` entry changes one rule: its severity (or off) and its options. */
import type { Severity } from '../findings.ts';
import type { Config } from './config-schema.ts';

/** The severity a rule runs at: the config's override, else the rule's default; 'off' disables it. */
export function effectiveSeverity(
  ruleId: string,
  defaultSeverity: Severity,
  config: Config,
): Severity | 'off' {
  const setting = settingOf(ruleId, config);
  if (setting === undefined) return defaultSeverity;
  if (typeof setting === 'string') return setting;
  return setting.severity ?? defaultSeverity;
}

/** `rules.<id>.options` from the config, or an empty object. */
export function ruleOptions(ruleId: string, config: Config): Record<string, unknown> {
  const setting = settingOf(ruleId, config);
  return typeof setting === 'object' ? (setting.options ?? {}) : {};
}

function settingOf(ruleId: string, config: Config): Config['rules'][string] | undefined {
  // Own keys only: a rule id such as `constructor` must not find Object.prototype members.
  return Object.hasOwn(config.rules, ruleId) ? config.rules[ruleId] : undefined;
}
