import type { AnnotatedValue } from '../src/core/model/exposure.ts';
import { redact } from '../src/core/report/redact.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) =>
    v.includes('\n')
      ? `    ${k}: |\n${v
          .trimEnd()
          .split('\n')
          .map((l) => `      ${l}`)
          .join('\n')}\n`
      : `    ${k}: ${JSON.stringify(v)}\n`,
  );
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;
};

const AUTH_URL = 'nginx.ingress.kubernetes.io/auth-url';
const SNIPPET = 'nginx.ingress.kubernetes.io/configuration-snippet';

interface Token {
  id: string;
  /** What the reviewer is told the value contains. */
  label: string;
  find(value: string): string | null;
  /**
   * Snippets are nginx configuration by design, so their syntax (`;`, braces, quotes, line breaks) is
   * expected; only the words that reach outside the proxy config are flagged there.
   */
  inSnippets: boolean;
}

const match = (re: RegExp) => (value: string) => value.match(re)?.[0] ?? null;

// The syntax tokens let a value end the directive it is pasted into and start a new one; the words are
// ingress-nginx's suggested `annotation-value-word-blocklist` and the Kyverno restrict-annotations patterns.
const TOKENS: Token[] = [
  { id: 'line-break', label: 'a line break', find: match(/[\r\n]/), inSnippets: false },
  { id: 'semicolon', label: '`;`, which ends an nginx directive', find: match(/;/), inSnippets: false },
  {
    id: 'brace',
    label: '`{` or `}`, which open or close an nginx block',
    find: match(/[{}]/),
    inSnippets: false,
  },
  {
    id: 'hash',
    label: '`#`, which comments out the rest of the generated line',
    find: match(/#/),
    inSnippets: false,
  },
  {
    id: 'quote',
    label: 'a quote, which can close the string it is pasted into',
    find: match(/["'`]/),
    inSnippets: false,
  },
  {
    id: 'lua',
    label: 'Lua code (`*_by_lua*`), which runs inside the controller',
    // `\b` first: a bare `\w*` would be retried from every position of a long word (quadratic).
    find: match(/\b\w*_by_lua\w*|\blua_\w+/i),
    inSnippets: true,
  },
  {
    id: 'load-module',
    label: '`load_module`, which loads code into nginx',
    find: match(/load_module/i),
    inSnippets: true,
  },
  {
    id: 'alias',
    label: 'an `alias` directive, which serves files from the controller’s disk',
    find: match(/(?:^|[\s;{}"'])alias\s+\S+/i),
    inSnippets: true,
  },
  {
    id: 'root',
    label: 'a `root` directive, which serves files from the controller’s disk',
    find: match(/(?:^|[\s;{}"'])root\s+\S+/i),
    inSnippets: true,
  },
  {
    id: 'secrets',
    label: 'the service-account token path',
    find: match(/\/var\/run\/secrets\S*|serviceaccount/i),
    inSnippets: true,
  },
  { id: 'etc', label: 'a path under `/etc/`', find: match(/\/etc\/\S*/i), inSnippets: true },
];

/**
 * A short, single-line excerpt of where the token was found, so the reviewer can spot it. Cut from the
 * redacted value: cutting first could leave part of a credential that redaction no longer recognises.
 */
function excerpt(raw: string, found: string): string {
  const value = redact(raw);
  const at = value.indexOf(found);
  // The token sat inside a credential (a `;` in a password): show no text at all.
  if (at === -1) return 'in a redacted value';
  const start = Math.max(0, at - 15);
  const end = Math.min(value.length, at + found.length + 15);
  const text = `${start > 0 ? '…' : ''}${value.slice(start, end)}${end < value.length ? '…' : ''}`;
  return JSON.stringify(text);
}

function injectionTokens(s: AnnotatedValue, isSnippet: boolean): { token: Token; found: string }[] {
  return TOKENS.flatMap((token) => {
    if (isSnippet && !token.inSnippets) return [];
    const found = token.find(s.value);
    return found === null ? [] : [{ token, found: found.trim() || found }];
  });
}

export const rule: Rule = {
  meta: {
    id: 'annotation-injection',
    severity: 'critical',
    title: 'Configuration injection in an annotation value',
    rationale:
      'Some annotation values are copied verbatim into the proxy configuration. A value that contains directive syntax (`;`, braces, quotes, line breaks, `#`) or words such as `_by_lua`, `load_module`, `alias`, `root`, `/var/run/secrets` can add configuration of its own: read the controller’s service-account token (which sees every Secret in the cluster) or run code. This is how CVE-2021-25746, CVE-2023-5044, CVE-2025-24514, CVE-2025-1097/1098, CVE-2025-15566, CVE-2026-1580 and CVE-2026-3288 were exploited.',
    fires:
      'An injection-prone annotation value (auth-url, auth-tls-match-cn, mirror-target, mirror-host, permanent-redirect, temporal-redirect, auth-proxy-set-headers, auth-method, rewrite-target, connection-proxy-header, any snippet) contains CR/LF, `;`, `{`, `}`, `#`, quotes, `_by_lua`, `load_module`, `alias `, `root `, `/var/run/secrets`, `/etc/` or `serviceaccount`. In snippets, which are configuration by design, only the words are flagged, not the syntax.',
    quiet:
      'Ordinary URLs, CIDRs and header names; nginx variables such as `$request_uri`; `;` and quotes inside a snippet (the snippet itself is reported by snippet-annotation).',
    fix: 'Remove the offending characters or words from the value. If a snippet really needs them, move that configuration to the controller’s own ConfigMap, owned by the platform team.',
    references: [
      'CVE-2021-25742',
      'CVE-2021-25746',
      'CVE-2023-5044',
      'CVE-2025-24514',
      'CVE-2025-1097',
      'CVE-2025-1098',
      'CVE-2025-15566',
      'CVE-2026-1580',
      'CVE-2026-3288',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#annotation-value-word-blocklist',
      'Kyverno restrict-annotations',
      'Trivy KCV-0093',
      'CKV_K8S_152',
      'CKV_K8S_154',
    ],
    peers: ['restrict-annotations', 'KCV-0093', 'CKV_K8S_152', 'CKV_K8S_154'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'auth-url closes the directive and adds its own',
          base: ing({ [AUTH_URL]: 'https://auth.example.com/verify' }),
          head: ing({
            [AUTH_URL]: 'https://auth.example.com/verify;} location /x { alias /var/run/secrets/;',
          }),
        },
        {
          name: 'a snippet reads the service-account token with Lua',
          base: ing({}),
          head: ing({
            [SNIPPET]:
              'content_by_lua_block {\n  ngx.say(io.open("/var/run/secrets/kubernetes.io/serviceaccount/token"):read("*a"))\n}\n',
          }),
        },
      ],
      passes: [
        {
          name: 'an ordinary auth-url with nginx variables',
          base: ing({}),
          head: ing({ [AUTH_URL]: 'https://auth.example.com/oauth2/auth?rd=$escaped_request_uri' }),
        },
        {
          name: 'a snippet that only sets a header (its `;` and quotes are expected)',
          base: ing({}),
          head: ing({ [SNIPPET]: 'more_set_headers "X-Frame-Options: DENY";\n' }),
        },
      ],
    },
  },
  state(object) {
    const snippets = new Set(object.signals.snippets.map((s) => s.key));
    return object.signals.injectionProne.flatMap((s) =>
      injectionTokens(s, snippets.has(s.key)).map(({ token, found }) => ({
        key: `${s.key}|${token.id}`,
        line: s.line,
        message: `annotation ${s.key} contains ${token.label} (${excerpt(s.value, found)}); its value is copied into the proxy configuration, where this can inject configuration of its own`,
      })),
    );
  },
};
