import type { ObjectExposure, Signals } from '../src/core/model/exposure.ts';
import { hostCovers } from '../src/core/model/hosts.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (annotation: string | null) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${annotation ? `  annotations:\n    ${annotation}\n` : ''}spec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [shop.example.com, www.shop.example.com]\n      secretName: web-tls\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n    - host: www.shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

type Diversion = Signals['diversions'][number];

/** Variables that stand for the request's own host: a redirect to them stays on this object. */
const OWN_HOST_VARIABLES = new Set(['$host', '$http_host', '$server_name']);

/** The target's host name without port; '' for a relative target (same host). */
function targetHost(target: string): string {
  const t = target.trim().toLowerCase();
  if (t === '' || t.startsWith('/')) return '';
  return (
    t
      .replace(/[/?#].*$/, '')
      // `https://host$request_uri`: the variable is the path, not part of the host.
      .replace(/(?<=.)\$.*$/, '')
      .replace(/:\d+$/, '')
      .replace(/\.$/, '')
  );
}

/** Cluster-internal names (a Service, `svc.cluster.local`) keep the traffic in the cluster. */
function inCluster(host: string): boolean {
  return !host.includes('.') || /\.svc(\.cluster\.local)?$|\.cluster\.local$/.test(host);
}

function isOwn(host: string, object: ObjectExposure): boolean {
  if (host === '' || OWN_HOST_VARIABLES.has(host)) return true;
  if (host.startsWith('$')) return false;
  const own = [...object.routes.map((r) => r.host), ...object.tls.flatMap((t) => t.hosts)].filter(
    (h) => h !== '',
  );
  return own.some((h) => hostCovers(h, host, 'one-label'));
}

const WHAT: Record<Diversion['kind'], (host: string) => string> = {
  mirror: (host) => `copies every request to ${host}`,
  redirect: (host) =>
    host.startsWith('$')
      ? `redirects requests to a host taken from the request (${host}): an open redirect`
      : `redirects every request to ${host}`,
  alias: (host) => `also answers for ${host}, a host name nobody reviewed as a rule of this object`,
  forward: (host) => `forwards requests to ${host}`,
};

export const rule: Rule = {
  meta: {
    id: 'traffic-mirrored',
    severity: 'high',
    title: 'Traffic copied or diverted elsewhere',
    rationale:
      'A mirror copies every request — headers, cookies, tokens and usually bodies — to another destination; a redirect or forward sends users there; a server alias makes the object answer for an extra name. When the destination is outside the object’s own hosts this leaks data or users off the reviewed path, and mirror targets were themselves an injection vector (CVE-2025-1098).',
    fires:
      'Traffic copied or diverted to a host other than the object’s own: `mirror-target`/`mirror-host`, `permanent-redirect`/`temporal-redirect` to another domain, `server-alias`, ALB `actions.*` forward/redirect, Gateway `RequestMirror`/`RequestRedirect` to another host.',
    quiet:
      'Redirects to one of the object’s own hosts (e.g. to `www.` when both are rules of the object), relative redirects, and mirrors to cluster-internal Services.',
    fix: 'Remove the mirror or redirect, or point it at a host this object serves or at an in-cluster Service. If the destination is intended, waive the finding with the reason.',
    references: [
      'CVE-2025-1098',
      'CVE-2023-5044',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#mirror',
      'https://gateway-api.sigs.k8s.io/api-types/httproute/#filters-optional',
    ],
    kinds: ['Ingress', 'HTTPRoute'],
    examples: {
      fires: [
        {
          name: 'requests mirrored to another domain',
          base: ing(null),
          head: ing('nginx.ingress.kubernetes.io/mirror-target: https://collector.example.net$request_uri'),
        },
        {
          name: 'a permanent redirect to another domain',
          base: ing(null),
          head: ing('nginx.ingress.kubernetes.io/permanent-redirect: https://shop.example.org/'),
        },
      ],
      passes: [
        {
          name: 'a redirect to the object’s own www host',
          base: ing(null),
          head: ing('nginx.ingress.kubernetes.io/permanent-redirect: https://www.shop.example.com/'),
        },
        {
          name: 'a mirror to an in-cluster Service',
          base: ing(null),
          head: ing(
            'nginx.ingress.kubernetes.io/mirror-target: http://replay.shop.svc.cluster.local$request_uri',
          ),
        },
      ],
    },
  },
  state(object) {
    return object.signals.diversions.flatMap((d) => {
      // A server alias may list several names.
      const targets = d.kind === 'alias' ? d.target.split(/[\s,]+/).filter(Boolean) : [d.target];
      return [...new Set(targets.map(targetHost))].flatMap((host) => {
        if (isOwn(host, object) || (!host.startsWith('$') && inCluster(host))) return [];
        return [
          {
            key: `${d.kind}|${d.key}|${host}`,
            line: d.line,
            message: `annotation ${d.key} ${WHAT[d.kind](host)}, outside this object’s own hosts`,
          },
        ];
      });
    });
  },
};
