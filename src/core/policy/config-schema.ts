/**
 * The repository config (`.github/ingress-audit.yml`). Types are inferred from this schema; the JSON
 * Schema in docs/schema is generated from it (scripts/generate-schema.ts), so no refine/superRefine here.
 * Validate through `parseConfig`/`validateConfig` (config.ts): they report bad keys one by one and keep
 * the rest, where a bare `configSchema.parse` would reject the whole file.
 */
import * as z from 'zod';

export const severitySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export const failOnSchema = z
  .enum(['critical', 'high', 'medium', 'low', 'never'])
  .describe('Lowest severity of a new or worsened finding that fails the check; `never` only reports.');

export const ruleSettingSchema = z.union(
  [
    z.literal('off'),
    severitySchema,
    z
      .object({
        severity: z
          .union([severitySchema, z.literal('off')], {
            error: 'expected off or a severity (info|low|medium|high|critical)',
          })
          .optional(),
        options: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  ],
  { error: 'expected off, a severity (info|low|medium|high|critical) or { severity, options }' },
);
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

export const waiverSchema = z
  .object({
    rule: z.string().min(1).describe('Rule id to waive.'),
    object: z
      .string()
      .min(1)
      .optional()
      .describe('NAMESPACE/NAME, or NAME for cluster-scoped objects; omitted = every object'),
    reason: z.string().min(1).describe('Why the finding is accepted; shown in the report.'),
    by: z.string().optional().describe('Who accepted it.'),
    // Plain YAML dates stay strings under YAML 1.2; validateConfig turns Date objects (js-yaml) into strings first.
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
      .pipe(z.iso.date('not a real calendar date'))
      .optional()
      .describe(
        'ISO date (YYYY-MM-DD, UTC); from the day after, the waiver is reported as expired and no longer waives',
      ),
  })
  .strict();
export type ConfigWaiver = z.infer<typeof waiverSchema>;

export const renderSchema = z.union(
  [
    z.object({ kustomize: z.string().min(1).describe('Folder to run `kubectl kustomize` on.') }).strict(),
    z
      .object({
        helm: z.string().min(1).describe('Chart folder to run `helm template` on.'),
        values: z.array(z.string()).optional(),
        releaseName: z.string().optional(),
        namespace: z.string().optional(),
      })
      .strict(),
  ],
  { error: 'expected { kustomize: DIR } or { helm: DIR, values?, releaseName?, namespace? }' },
);

export const classesSchema = z
  .object({
    public: z.array(z.string()).default([]).describe('Ingress classes that face the internet.'),
    internal: z
      .array(z.string())
      .default([])
      .describe('Ingress classes reachable only from private networks.'),
  })
  .strict();

export const commentsSchema = z
  .object({
    summary: z
      .enum(['sticky', 'off'])
      .default('sticky')
      .describe('One summary comment per PR, edited in place.'),
    inline: z.boolean().default(true).describe('Review comments on the lines that caused new findings.'),
    maxInline: z.number().int().min(0).max(100).default(30).describe('Most inline comments per review.'),
  })
  .strict();

export const commandsSchema = z
  .object({
    waive: z
      .array(z.enum(['admin', 'maintain', 'write', 'triage', 'read']))
      .default(['admin', 'maintain', 'write'])
      .describe('Repository permissions allowed to use `/audit waive`.'),
    selfWaive: z
      .boolean()
      .default(false)
      .describe('Whether the PR author may waive findings on their own PR.'),
  })
  .strict();

export const DEFAULT_SENSITIVE_PATHS = [
  '/admin',
  '/metrics',
  '/debug',
  '/actuator',
  '/.env',
  '/.git',
  '/internal',
  '/swagger',
  '/console',
];

export const configSchema = z
  .object({
    failOn: failOnSchema.default('high'),
    include: z
      .array(z.string())
      .default(['**/*.yaml', '**/*.yml'])
      .describe('Globs (repository-relative) of files to read.'),
    exclude: z.array(z.string()).default([]).describe('Globs of files to skip, applied after include.'),
    rules: z
      .record(z.string(), ruleSettingSchema)
      .default({})
      .describe('Per rule id: off, a severity, or { severity, options }.'),
    classes: classesSchema
      .default({ public: [], internal: [] })
      .describe('How your ingress classes are exposed, when their names do not say it.'),
    sensitivePaths: z
      .array(z.string())
      .default(DEFAULT_SENSITIVE_PATHS)
      .describe('Path prefixes treated as sensitive by sensitive-path-exposed (replaces the default list).'),
    maxAnnotationRisk: z
      .enum(['Low', 'Medium', 'High', 'Critical'])
      .default('High')
      .describe("ingress-nginx's annotations-risk-level your controllers run with."),
    drafts: z.boolean().default(true).describe('Audit draft pull requests (App).'),
    comments: commentsSchema.default({ summary: 'sticky', inline: true, maxInline: 30 }),
    commands: commandsSchema.default({ waive: ['admin', 'maintain', 'write'], selfWaive: false }),
    waivers: z.array(waiverSchema).default([]).describe('Accepted findings.'),
    requireOwnerReview: z
      .boolean()
      .default(false)
      .describe(
        'fail the check while a high-risk change to an object lacks an approving review from one of its CODEOWNERS owners',
      ),
    render: z
      .array(renderSchema)
      .default([])
      .describe('Render steps before the audit (CLI and Action only).'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
