import { describe, expect, it } from 'vitest';
import { auditYaml } from '../../support/audit-yaml.ts';
import { ingressYaml } from './ingress-template.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

const agic = (annotations: string) =>
  ingressYaml(null, `    kubernetes.io/ingress.class: azure/application-gateway\n${annotations}`);

describe('azure-agic profile', () => {
  it('use-private-ip "true" is internal; ssl-redirect and the WAF policy are read', () => {
    const v = view(
      normaliseYaml(
        agic(`    appgw.ingress.kubernetes.io/use-private-ip: "true"
    appgw.ingress.kubernetes.io/ssl-redirect: "true"
    appgw.ingress.kubernetes.io/waf-policy-for-path: /subscriptions/x/resourceGroups/y/providers/Microsoft.Network/applicationGatewayWebApplicationFirewallPolicies/z`),
      ),
      'Ingress',
      'app',
    );
    expect(v.controllers).toContain('azure-agic');
    expect(v.visibility).toMatchObject({ value: 'internal', line: 8 });
    const p = v.routes[0].protections;
    expect(p.httpsRedirect).toMatchObject({ value: 'on', line: 9 });
    expect(p.waf).toMatchObject({ value: 'on', line: 10 });
  });

  it('without use-private-ip the gateway listens publicly and serves plain HTTP (engine view of a flip)', () => {
    const result = auditYaml(
      agic('    appgw.ingress.kubernetes.io/use-private-ip: "true"'),
      agic('    appgw.ingress.kubernetes.io/use-private-ip: "false"'),
    );
    expect(result.exposures.base[0].visibility.value).toBe('internal');
    expect(result.exposures.head[0].visibility).toMatchObject({ value: 'public', line: 8 });
    expect(result.exposures.head[0].routes[0].protections.httpsRedirect.value).toBe('off');
  });
});
