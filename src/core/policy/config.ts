/**
 * Reads the repository config leniently, Renovate style: every unknown key or bad value becomes a
 * problem with its key path and line, and only that key (or list entry) falls back to its default.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  type Config,
  classesSchema,
  commandsSchema,
  commentsSchema,
  configSchema,
  renderSchema,
  ruleSettingSchema,
  waiverSchema,
} from './config-schema.ts';

export interface ConfigProblem {
  /** Dotted key path, e.g. `rules.wildcard-host`, `comments.maxInline`, `waivers[1].expires`; '' = the whole file. */
  path: string;
  message: string;
  /** 1-based line in the config file (1 when unknown). */
  line: number;
  file: string;
}

export interface ParseConfigOptions {
  /** When given, rule ids outside this list in `rules:` and `waivers:` are problems. */
  knownRuleIds?: readonly string[];
}

export interface ParsedConfig {
  config: Config;
  problems: ConfigProblem[];
}

type PathSegment = string | number;
type LineOf = (path: readonly PathSegment[]) => number;

/** Sections validated one sub-key at a time, so `comments.maxInline: lots` keeps `comments.inline`. */
const NESTED: Record<string, z.ZodObject> = {
  classes: classesSchema,
  comments: commentsSchema,
  commands: commandsSchema,
};
/** Lists of independent records: a bad entry is dropped, the others stay. */
const ENTRIES: Record<string, z.ZodType> = { waivers: waiverSchema, render: renderSchema };
const RULE_OBJECT_KEYS = ['severity', 'options'];

export function defaultConfig(): Config {
  return configSchema.parse({});
}

/** Parses config YAML text. `null` or empty text (no config file) gives the defaults without problems. */
export function parseConfig(
  text: string | null,
  file: string,
  options: ParseConfigOptions = {},
): ParsedConfig {
  if (text === null || text.trim() === '') return { config: defaultConfig(), problems: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    // A syntax error makes every value suspect, so nothing from the file is used.
    const problems = doc.errors.map((error) => ({
      path: '',
      message: `invalid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}; using the default config`,
      line: error.linePos?.[0].line ?? 1,
      file,
    }));
    return { config: defaultConfig(), problems };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      config: defaultConfig(),
      problems: [{ path: '', message: `invalid YAML: ${message}`, line: 1, file }],
    };
  }
  return validateConfig(raw, file, { ...options, lineOf: (path) => lineOfPath(doc, lineCounter, path) });
}

/**
 * Validates an already-parsed config object (e.g. from Probot's `context.config`). Dates parsed by
 * YAML 1.1 loaders (js-yaml) are turned back into `YYYY-MM-DD` strings first.
 */
export function validateConfig(
  raw: unknown,
  file: string,
  options: ParseConfigOptions & { lineOf?: LineOf } = {},
): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const reporter = makeReporter(problems, file, options.lineOf ?? (() => 1), options.knownRuleIds);
  const value = datesToStrings(raw);
  if (value === null || value === undefined) return { config: defaultConfig(), problems };
  if (!isPlainObject(value)) {
    reporter.report(
      [],
      `the config must be a mapping of keys, got ${describe(value)}; using the default config`,
    );
    return { config: defaultConfig(), problems };
  }

  // Only values that passed their own schema are kept; the final parse fills in every default.
  const accepted: Record<string, unknown> = {};
  const topKeys = Object.keys(configSchema.shape);
  for (const [key, entry] of Object.entries(value)) {
    const schema = own(configSchema.shape as Record<string, z.ZodType>, key);
    const nested = own(NESTED, key);
    const entrySchema = own(ENTRIES, key);
    let kept: unknown;
    if (!schema) reporter.report([key], unknownKey(key, topKeys));
    else if (key === 'rules') kept = validateRules(entry, reporter);
    else if (nested) kept = validateSection(key, nested, entry, reporter);
    else if (entrySchema) kept = validateEntries(key, entrySchema, entry, reporter);
    else {
      const result = schema.safeParse(entry);
      if (result.success) kept = entry;
      else reporter.issues([key], entry, result.error.issues, usingDefault(schema));
    }
    if (kept !== undefined) accepted[key] = kept;
  }

  const final = configSchema.safeParse(accepted);
  if (!final.success) {
    // Every accepted piece passed its own schema, so this means the schema and this walk disagree.
    reporter.report(
      [],
      `config could not be assembled (${final.error.issues[0]?.message}); using the default config`,
    );
    return { config: defaultConfig(), problems };
  }
  return { config: final.data, problems };
}

interface Reporter {
  report(path: readonly PathSegment[], message: string): void;
  /** Reports zod issues found in `input`, which sits at `base` in the config. */
  issues(
    base: readonly PathSegment[],
    input: unknown,
    issues: z.core.$ZodIssue[],
    outcome: string,
    keys?: string[],
  ): void;
  /** False (and reported) when a known-rule list was given and `ruleId` is not in it. */
  knownRule(path: readonly PathSegment[], ruleId: string, outcome: string): boolean;
}

function makeReporter(
  problems: ConfigProblem[],
  file: string,
  lineOf: LineOf,
  knownRuleIds: readonly string[] | undefined,
): Reporter {
  const report = (path: readonly PathSegment[], message: string) => {
    problems.push({ path: formatPath(path), message, line: lineOf(path), file });
  };
  return {
    report,
    issues(base, input, issues, outcome, keys) {
      for (const issue of issues) {
        const path = [...base, ...(issue.path as PathSegment[])];
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys)
            report([...path, key], unknownKey(key, issue.path.length === 0 ? keys : undefined));
        } else if (
          issue.code === 'invalid_type' &&
          valueAt(input, issue.path as PathSegment[]) === undefined
        ) {
          report(path, `required key is missing; ${outcome}`);
        } else {
          report(path, `${issue.message}; ${outcome}`);
        }
      }
    },
    knownRule(path, ruleId, outcome) {
      if (!knownRuleIds || knownRuleIds.includes(ruleId)) return true;
      const hint = closest(ruleId, knownRuleIds);
      report(path, `unknown rule "${ruleId}"${hint ? ` (did you mean "${hint}"?)` : ''}; ${outcome}`);
      return false;
    },
  };
}

function validateRules(entry: unknown, reporter: Reporter): Record<string, unknown> | undefined {
  if (!isPlainObject(entry)) {
    reporter.report(['rules'], `expected a mapping of rule ids, got ${describe(entry)}; using the default`);
    return undefined;
  }
  // Built with fromEntries so a rule id like `__proto__` stays an ordinary key.
  const rules: [string, unknown][] = [];
  for (const [ruleId, setting] of Object.entries(entry)) {
    const path = ['rules', ruleId];
    if (!reporter.knownRule(path, ruleId, 'setting ignored')) continue;
    const result = ruleSettingSchema.safeParse(setting);
    if (result.success) {
      rules.push([ruleId, setting]);
    } else if (isPlainObject(setting)) {
      // The union's message hides which field is wrong; the object form's own issues say it.
      const objectForm = ruleSettingSchema.options[2].safeParse(setting);
      const issues = objectForm.error?.issues ?? result.error.issues;
      reporter.issues(path, setting, issues, 'setting ignored', RULE_OBJECT_KEYS);
    } else {
      reporter.issues(path, setting, result.error.issues, 'setting ignored');
    }
  }
  return Object.fromEntries(rules);
}

function validateSection(
  key: string,
  schema: z.ZodObject,
  entry: unknown,
  reporter: Reporter,
): Record<string, unknown> | undefined {
  if (!isPlainObject(entry)) {
    reporter.report([key], `expected a mapping, got ${describe(entry)}; using the default`);
    return undefined;
  }
  const shape = schema.shape as Record<string, z.ZodType>;
  const section: Record<string, unknown> = {};
  for (const [subKey, subValue] of Object.entries(entry)) {
    const subSchema = own(shape, subKey);
    if (!subSchema) {
      reporter.report([key, subKey], unknownKey(subKey, Object.keys(shape)));
      continue;
    }
    const result = subSchema.safeParse(subValue);
    if (result.success) section[subKey] = subValue;
    else reporter.issues([key, subKey], subValue, result.error.issues, usingDefault(subSchema));
  }
  return section;
}

function validateEntries(
  key: string,
  schema: z.ZodType,
  entry: unknown,
  reporter: Reporter,
): unknown[] | undefined {
  if (!Array.isArray(entry)) {
    reporter.report([key], `expected a list, got ${describe(entry)}; using the default`);
    return undefined;
  }
  const entryKeys = key === 'waivers' ? Object.keys(waiverSchema.shape) : undefined;
  const kept: unknown[] = [];
  entry.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (!result.success) {
      reporter.issues([key, index], item, result.error.issues, 'entry ignored', entryKeys);
    } else if (
      key !== 'waivers' ||
      reporter.knownRule([key, index, 'rule'], (item as { rule: string }).rule, 'entry ignored')
    ) {
      kept.push(item);
    }
  });
  return kept;
}

/** Own keys only: a config key such as `constructor` must not find Object.prototype members. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function unknownKey(key: string, candidates?: readonly string[]): string {
  const hint = candidates ? closest(key, candidates) : null;
  return `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; ignored`;
}

/** `using the default (high)` for scalars; lists and mappings are too long to repeat in a message. */
function usingDefault(schema: z.ZodType): string {
  const fallback = schema.safeParse(undefined);
  return fallback.success && typeof fallback.data !== 'object'
    ? `using the default (${String(fallback.data)})`
    : 'using the default';
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function datesToStrings(value: unknown): unknown {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(datesToStrings);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, datesToStrings(item)]));
  }
  return value;
}

/** The candidate a typo most likely meant: same word ignoring case, or within a small edit distance. */
function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** Line of the deepest node on `path` that exists; a map entry points at its key. */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]): number {
  const lineAt = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : null;
  };
  let node: unknown = doc.contents;
  let line = lineAt(node) ?? 1;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
      );
      if (!pair) break;
      line = lineAt(pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      line = lineAt(node) ?? line;
    } else {
      break;
    }
  }
  return line;
}
