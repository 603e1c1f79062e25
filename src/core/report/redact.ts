/**
 * Redaction of values that look like credentials. Every renderer passes manifest-derived strings
 * through here (via `redactResult` or `redact`) before escaping them for its output format, so a
 * secret committed in an annotation never reaches a comment, a check run, SARIF or a log.
 */
import type { AuditResult } from '../audit-result.ts';
import type { Finding } from '../findings.ts';

export const REDACTED = '***';

interface Pattern {
  re: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

// Quantifiers are bounded so hostile input (a PR author controls it) cannot make matching quadratic.
const PATTERNS: Pattern[] = [
  // PEM private keys first: their base64 body would otherwise be half-matched by the blob rules below.
  // A block cut off before its END line (truncated messages) is redacted to the end of the text.
  {
    re: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: (_m, type) => `-----BEGIN ${type}PRIVATE KEY----- ${REDACTED} -----END ${type}PRIVATE KEY-----`,
  },
  // Basic auth in URLs: keep the user (useful to a reviewer), hide the password.
  {
    re: /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s:/?#@]{1,256}):([^\s/?#@]{1,256})@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`,
  },
  // The same URL cut short by an excerpt (`https://user:pass…`): no `@` left, but the password is.
  {
    re: /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s:/?#@]{1,256}):([^\s/?#@…]{1,256})…/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${REDACTED}…`,
  },
  // Query/form parameters that carry secrets (token=, password=, X-Amz-Signature=, sig= of SAS URLs…).
  {
    re: /([?&;,\s]|^)((?:x-amz-)?(?:[a-z0-9_-]{0,40}(?:token|password|passwd|pwd|secret|api[_-]?key|apikey|signature|credential)s?|sig|key)=)([^&\s#"'<>]+)/gi,
    replace: (_m, lead, name) => `${lead}${name}${REDACTED}`,
  },
  // Authorization header values. The digit requirement keeps prose such as "basic authentication" intact.
  {
    re: /\b(bearer|basic|token)(\s+)([A-Za-z0-9\-._~+/]{12,}=*)/gi,
    replace: (m, scheme, space, value) => (/\d/.test(value) ? `${scheme}${space}${REDACTED}` : m),
  },
  // GitHub tokens (classic and fine-grained), Slack tokens, AWS access key ids, JWTs. Minimum lengths are
  // low on purpose: an excerpt (`ghp_Zq8mN3vR…`) may have cut the value, and what is left is still secret.
  { re: /\b(gh[pousr]_)[A-Za-z0-9]{8,}/g, replace: (_m, prefix) => `${prefix}${REDACTED}` },
  { re: /\b(github_pat_)[A-Za-z0-9_]{8,}/g, replace: (_m, prefix) => `${prefix}${REDACTED}` },
  { re: /\b(xox[abposr]-)[A-Za-z0-9-]{10,}/g, replace: (_m, prefix) => `${prefix}${REDACTED}` },
  {
    re: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA))(?:[A-Z0-9]{16}\b|[A-Z0-9]{4,15}…)/g,
    replace: (m, prefix) => `${prefix}${REDACTED}${m.endsWith('…') ? '…' : ''}`,
  },
  {
    re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g,
    replace: () => `eyJ${REDACTED}`,
  },
  // Long base64-looking values in fields whose name says they are secret (`tls.key: LS0t…`, `"password": "…"`).
  // Requiring upper, lower and digit keeps secret *names* like `web/basic-auth-credentials` readable.
  {
    re: /(?<![\w.-])([\w.-]{0,40}(?:password|passwd|secret|token|private[_-]?key|tls\.key|api[_-]?key|credentials?)[\w.-]{0,40}["']?\s*[:=]\s*["']?)([A-Za-z0-9+/_-]{20,}={0,2})/gi,
    replace: (m, field, value) =>
      /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value) ? `${field}${REDACTED}` : m,
  },
];

/** Replace every credential-looking value in `text` with `***` (keeping enough context to read). */
export function redact(text: string): string {
  let out = text;
  for (const { re, replace } of PATTERNS) {
    out = out.replace(re, replace as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

function redactNullable(text: string | null): string | null {
  return text === null ? null : redact(text);
}

function redactFinding(f: Finding): Finding {
  return {
    ...f,
    ruleId: redact(f.ruleId),
    message: redact(f.message),
    object: f.object
      ? {
          kind: redact(f.object.kind),
          namespace: redactNullable(f.object.namespace),
          name: redact(f.object.name),
        }
      : null,
    file: redact(f.file),
    host: redactNullable(f.host),
    path: redactNullable(f.path),
    waived: f.waived
      ? {
          ...f.waived,
          reason: redact(f.waived.reason),
          by: redactNullable(f.waived.by),
          object: redactNullable(f.waived.object),
        }
      : null,
    expiredWaiver: f.expiredWaiver
      ? {
          ...f.expiredWaiver,
          reason: redact(f.expiredWaiver.reason),
          by: redactNullable(f.expiredWaiver.by),
          object: redactNullable(f.expiredWaiver.object),
        }
      : f.expiredWaiver,
  };
}

/**
 * A copy of the result with every printable string redacted. `exposures` and `rawNotices` are passed
 * through untouched (they hold whole documents); renderers that print from them redact what they print.
 */
export function redactResult(result: AuditResult): AuditResult {
  return {
    ...result,
    base: redactNullable(result.base),
    head: redact(result.head),
    conclusionReasons: result.conclusionReasons.map(redact),
    objects: result.objects.map((o) => ({
      ...o,
      namespace: redactNullable(o.namespace),
      name: redact(o.name),
      file: redact(o.file),
      ...(o.previousFile === undefined ? {} : { previousFile: redact(o.previousFile) }),
    })),
    findings: result.findings.map(redactFinding),
    notices: result.notices.map((n) => ({ ...n, file: redact(n.file), message: redact(n.message) })),
  };
}
