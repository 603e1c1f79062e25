import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, validateConfig } from '../../../src/core/policy/config.ts';

const FILE = '.github/ingress-audit.yml';
const RULES = ['wildcard-host', 'tls-removed', 'default-namespace'];

describe('parseConfig', () => {
  it('no config file or an empty one → defaults, no problems', () => {
    expect(parseConfig(null, FILE)).toEqual({ config: defaultConfig(), problems: [] });
    expect(parseConfig('  \n# only a comment\n', FILE)).toEqual({ config: defaultConfig(), problems: [] });
    expect(defaultConfig().failOn).toBe('high');
  });

  it('a valid config is applied as written, with defaults for absent keys', () => {
    const text = [
      'failOn: critical',
      'exclude: ["charts/**"]',
      'rules:',
      '  default-namespace: off',
      '  wildcard-host: critical',
      '  tls-removed: { severity: medium, options: { hosts: ["*.dev"] } }',
      'classes: { public: [nginx, alb], internal: [nginx-internal] }',
      'comments: { inline: false }',
      'commands: { waive: [admin], selfWaive: true }',
      'render: [ { kustomize: overlays/prod } ]',
    ].join('\n');
    const { config, problems } = parseConfig(text, FILE, { knownRuleIds: RULES });
    expect(problems).toEqual([]);
    expect(config.failOn).toBe('critical');
    expect(config.exclude).toEqual(['charts/**']);
    expect(config.include).toEqual(['**/*.yaml', '**/*.yml']);
    expect(config.rules).toEqual({
      'default-namespace': 'off',
      'wildcard-host': 'critical',
      'tls-removed': { severity: 'medium', options: { hosts: ['*.dev'] } },
    });
    expect(config.classes).toEqual({ public: ['nginx', 'alb'], internal: ['nginx-internal'] });
    expect(config.comments).toEqual({ summary: 'sticky', inline: false, maxInline: 30 });
    expect(config.commands).toEqual({ waive: ['admin'], selfWaive: true });
    expect(config.render).toEqual([{ kustomize: 'overlays/prod' }]);
  });

  it('an unknown top-level key is reported with its line and a suggestion, the rest applies', () => {
    const { config, problems } = parseConfig('exclude: [a]\nfailon: low\n', FILE);
    expect(problems).toEqual([
      {
        path: 'failon',
        line: 2,
        file: FILE,
        message: 'unknown key "failon" (did you mean "failOn"?); ignored',
      },
    ]);
    expect(config.exclude).toEqual(['a']);
    expect(config.failOn).toBe('high');
  });

  it('a wrong type in one key falls back for that key only', () => {
    const text = 'failOn: low\ninclude: "*.yaml"\nsensitivePaths: [/vault]\n';
    const { config, problems } = parseConfig(text, FILE);
    expect(problems.map((p) => [p.path, p.line])).toEqual([['include', 2]]);
    expect(problems[0].message).toMatch(/expected array.*using the default/);
    expect(config.include).toEqual(['**/*.yaml', '**/*.yml']);
    expect(config.failOn).toBe('low');
    expect(config.sensitivePaths).toEqual(['/vault']);
  });

  it('a bad failOn falls back to high and says so', () => {
    const { config, problems } = parseConfig('failOn: hihg\n', FILE);
    expect(config.failOn).toBe('high');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'failOn', line: 1 });
    expect(problems[0].message).toContain('using the default (high)');
  });

  it('a bad nested key keeps its siblings (comments.maxInline)', () => {
    const text = 'comments:\n  inline: false\n  maxInline: lots\n  sumary: off\n';
    const { config, problems } = parseConfig(text, FILE);
    expect(config.comments).toEqual({ summary: 'sticky', inline: false, maxInline: 30 });
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['comments.maxInline', 3],
      ['comments.sumary', 4],
    ]);
    expect(problems[1].message).toContain('did you mean "summary"');
  });

  it('a section that is not a mapping falls back to its default', () => {
    const { config, problems } = parseConfig('commands: 3\n', FILE);
    expect(config.commands).toEqual({ waive: ['admin', 'maintain', 'write'], selfWaive: false });
    expect(problems).toMatchObject([{ path: 'commands', line: 1 }]);
  });

  it('a bad rule setting drops that rule only, pointing at the bad field', () => {
    const text =
      'rules:\n  wildcard-host: critical\n  tls-removed:\n    severity: severe\n  default-namespace: loud\n';
    const { config, problems } = parseConfig(text, FILE);
    expect(config.rules).toEqual({ 'wildcard-host': 'critical' });
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['rules.tls-removed.severity', 4],
      ['rules.default-namespace', 5],
    ]);
    expect(problems[1].message).toContain('expected off, a severity');
  });

  it('unknown rule ids are problems only when the known ids are passed', () => {
    const text = 'rules:\n  wildcard-hosts: off\n';
    expect(parseConfig(text, FILE).problems).toEqual([]);
    expect(parseConfig(text, FILE).config.rules).toEqual({ 'wildcard-hosts': 'off' });
    const checked = parseConfig(text, FILE, { knownRuleIds: RULES });
    expect(checked.config.rules).toEqual({});
    expect(checked.problems).toEqual([
      {
        path: 'rules.wildcard-hosts',
        line: 2,
        file: FILE,
        message: 'unknown rule "wildcard-hosts" (did you mean "wildcard-host"?); setting ignored',
      },
    ]);
  });

  it('a bad waiver entry is dropped with its line, the other waivers stay', () => {
    const text = [
      'waivers:',
      '  - rule: wildcard-host',
      '    object: web/shop',
      '    reason: marketing site, reviewed',
      '    expires: 2027-01-31',
      '  - rule: tls-removed',
      '    expires: 2027-02-30',
      '  - rule: default-namespace',
      '    reason: legacy',
    ].join('\n');
    const { config, problems } = parseConfig(text, FILE);
    expect(config.waivers.map((w) => w.rule)).toEqual(['wildcard-host', 'default-namespace']);
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['waivers[1].reason', 6],
      ['waivers[1].expires', 7],
    ]);
    expect(problems[0].message).toBe('required key is missing; entry ignored');
    expect(problems[1].message).toContain('entry ignored');
  });

  it('a waiver for an unknown rule is reported when rule ids are known', () => {
    const { config, problems } = parseConfig('waivers: [{ rule: tls-remove, reason: x }]\n', FILE, {
      knownRuleIds: RULES,
    });
    expect(config.waivers).toEqual([]);
    expect(problems).toMatchObject([
      { path: 'waivers[0].rule', message: expect.stringContaining('"tls-removed"') },
    ]);
  });

  it('an unquoted YAML date in expires is read as the ISO date', () => {
    const { config, problems } = parseConfig(
      'waivers: [{ rule: a, reason: b, expires: 2027-01-31 }]\n',
      FILE,
    );
    expect(problems).toEqual([]);
    expect(config.waivers[0].expires).toBe('2027-01-31');
  });

  it('Date objects from YAML 1.1 loaders (js-yaml, Probot) become ISO dates', () => {
    const raw = { waivers: [{ rule: 'a', reason: 'b', expires: new Date('2027-01-31T00:00:00Z') }] };
    const { config, problems } = validateConfig(raw, FILE);
    expect(problems).toEqual([]);
    expect(config.waivers[0].expires).toBe('2027-01-31');
  });

  it('a config that is not a mapping → one problem and the defaults', () => {
    const { config, problems } = parseConfig('- failOn: low\n', FILE);
    expect(config).toEqual(defaultConfig());
    expect(problems).toEqual([
      {
        path: '',
        line: 1,
        file: FILE,
        message: 'the config must be a mapping of keys, got a list; using the default config',
      },
    ]);
  });

  it('invalid YAML → the defaults and the parse error with its line', () => {
    const { config, problems } = parseConfig('failOn: low\nrules: [\n', FILE);
    expect(config).toEqual(defaultConfig());
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/^invalid YAML: /);
    expect(problems[0].path).toBe('');
  });

  it('keys named like Object.prototype members are unknown keys, not crashes', () => {
    const { problems } = parseConfig('constructor: 1\ncomments: { toString: 1 }\n', FILE);
    expect(problems.map((p) => p.path)).toEqual(['constructor', 'comments.toString']);
  });
});
