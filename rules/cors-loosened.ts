import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: api.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}\n`;
};

export const rule: Rule = {
  meta: {
    id: 'cors-loosened',
    severity: 'medium',
    title: 'CORS open to any origin',
    rationale:
      'A CORS policy that admits any origin lets every web page a user visits call this API from the user\'s browser. With credentials allowed, a wildcard origin lets such pages act with the user\'s cookies. On ingress-nginx, `enable-cors: "true"` alone means origin `*` with credentials allowed — the defaults of `cors-allow-origin` and `cors-allow-credentials`.',
    fires:
      'CORS is enabled with origin `*` (ingress-nginx `enable-cors: "true"` without `cors-allow-origin`, HAProxy `cors-enable` with the default origin), or with a wildcard origin such as `https://*.example.com` while credentials are allowed.',
    quiet: 'CORS limited to named origins; CORS not enabled.',
    fix: 'List the origins that need access in `cors-allow-origin` (e.g. `https://app.example.com`) and set `cors-allow-credentials: "false"` unless the browser must send cookies.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#enable-cors',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'CORS enabled with the default origin *',
          base: ing({}),
          head: ing({ 'enable-cors': '"true"' }),
        },
        {
          name: 'a wildcard origin with credentials (scan)',
          head: ing({ 'enable-cors': '"true"', 'cors-allow-origin': '"https://*.example.com"' }),
        },
      ],
      passes: [
        {
          name: 'CORS limited to one origin',
          base: ing({}),
          head: ing({ 'enable-cors': '"true"', 'cors-allow-origin': '"https://app.example.com"' }),
        },
        {
          name: 'a wildcard subdomain origin without credentials',
          base: ing({}),
          head: ing({
            'enable-cors': '"true"',
            'cors-allow-origin': '"https://*.example.com"',
            'cors-allow-credentials': '"false"',
          }),
        },
      ],
    },
  },
  state(object) {
    // Settings are per route in the model; one finding per host (the first route that has it).
    const conditions = object.routes.flatMap((route): Condition[] => {
      const cors = route.protections.cors;
      if (!cors.value?.enabled) return [];
      const { origins, credentials } = cors.value;
      const any = origins.length === 0 || origins.includes('*');
      const wildcards = origins.filter((o) => o !== '*' && o.includes('*'));
      if (!any && !(credentials && wildcards.length > 0)) return [];
      const host = route.host || 'every host';
      const withCredentials = credentials ? " with credentials (the browser sends the user's cookies)" : '';
      return [
        {
          key: `cors|${route.host}`,
          host: route.host || null,
          line: cors.line,
          // Any origin with credentials > any origin > wildcard subdomains with credentials.
          magnitude: any ? (credentials ? 3 : 2) : 1,
          message: any
            ? `${host} accepts cross-origin requests from any origin (*)${withCredentials} (${cors.source ?? 'CORS'})`
            : `${host} accepts cross-origin requests from ${wildcards.join(', ')}${withCredentials} (${cors.source ?? 'CORS'})`,
        },
      ];
    });
    return conditions.filter((c, i) => conditions.findIndex((o) => o.key === c.key) === i);
  },
};
