import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/policy/config.ts';
import { effectiveSeverity, ruleOptions } from '../../../src/core/policy/rule-settings.ts';

const { config } = parseConfig(
  [
    'rules:',
    '  default-namespace: off',
    '  wildcard-host: critical',
    '  tls-removed: { options: { ignoreHosts: ["*.dev"] } }',
    '  cors-widened: { severity: off }',
  ].join('\n'),
  'cfg.yml',
);

describe('effectiveSeverity', () => {
  it('a rule absent from the config keeps its default severity', () => {
    expect(effectiveSeverity('snippet-annotation', 'critical', config)).toBe('critical');
  });
  it('a severity string overrides the default', () => {
    expect(effectiveSeverity('wildcard-host', 'high', config)).toBe('critical');
  });
  it('off disables the rule, as a string or as the object form', () => {
    expect(effectiveSeverity('default-namespace', 'low', config)).toBe('off');
    expect(effectiveSeverity('cors-widened', 'medium', config)).toBe('off');
  });
  it('the object form without severity keeps the default', () => {
    expect(effectiveSeverity('tls-removed', 'high', config)).toBe('high');
  });
  it('a rule id named like an Object.prototype member is just absent', () => {
    expect(effectiveSeverity('constructor', 'low', config)).toBe('low');
  });
});

describe('ruleOptions', () => {
  it('returns the options of the object form', () => {
    expect(ruleOptions('tls-removed', config)).toEqual({ ignoreHosts: ['*.dev'] });
  });
  it('returns an empty object for string settings and absent rules', () => {
    expect(ruleOptions('wildcard-host', config)).toEqual({});
    expect(ruleOptions('snippet-annotation', config)).toEqual({});
  });
});
