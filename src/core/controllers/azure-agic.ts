/**
 * Azure Application Gateway Ingress Controller (`appgw.ingress.kubernetes.io/*`).
 * Sources: Azure/application-gateway-kubernetes-ingress docs/annotations.md and
 * pkg/annotations/ingress_annotations.go, ../shared/reference/ingress-security-facts.md §3.9.
 */
import type { AnnotatedValue } from '../model/exposure.ts';
import { classListedInConfig } from './class-visibility.ts';
import { annotationLine, classController } from './ingress.ts';
import { truthy } from './manifest-values.ts';
import type { ControllerProfile } from './profile.ts';

const PREFIX = 'appgw.ingress.kubernetes.io/';
const CONTROLLER = 'azure/application-gateway';

export const azureAgicProfile: ControllerProfile = {
  id: 'azure-agic',
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    if (Object.keys(exposure.annotations).some((k) => k.startsWith(PREFIX))) return true;
    const controller = classController(exposure.ingressClass.name, ctx);
    if (controller !== null) return controller === CONTROLLER;
    return exposure.ingressClass.name !== null && /application-gateway/.test(exposure.ingressClass.name);
  },
  refine(exposure, ctx) {
    const doc = exposure.doc;
    const a = (name: string): string | undefined => exposure.annotations[PREFIX + name];
    const at = (name: string) => ({
      line: annotationLine(doc, PREFIX + name),
      source: `annotation ${PREFIX}${name}`,
    });
    const value = (name: string): AnnotatedValue => ({
      key: PREFIX + name,
      value: a(name)!,
      line: at(name).line,
    });

    if (!classListedInConfig(exposure.ingressClass.name, ctx))
      exposure.visibility = truthy(a('use-private-ip'))
        ? {
            value: 'internal',
            line: at('use-private-ip').line,
            reason: `Application Gateway private frontend IP (${at('use-private-ip').source})`,
          }
        : {
            value: 'public',
            line: a('use-private-ip') !== undefined ? at('use-private-ip').line : exposure.ingressClass.line,
            reason:
              a('use-private-ip') !== undefined
                ? `Application Gateway public frontend IP (${at('use-private-ip').source})`
                : 'Application Gateway listens on its public frontend IP unless use-private-ip is "true"',
          };

    const waf = a('waf-policy-for-path');
    const protocol = a('backend-protocol')?.trim().toUpperCase();
    for (const route of exposure.routes) {
      const p = route.protections;
      // appgw-ssl-certificate is a certificate installed on the gateway; it only applies without spec.tls.
      if (!p.tls.value && a('appgw-ssl-certificate')) p.tls = { value: true, ...at('appgw-ssl-certificate') };
      if (truthy(a('ssl-redirect'))) p.httpsRedirect = { value: 'on', ...at('ssl-redirect') };
      else
        p.httpsRedirect = {
          value: 'off',
          line: a('ssl-redirect') !== undefined ? at('ssl-redirect').line : route.hostLine,
          source:
            a('ssl-redirect') !== undefined
              ? at('ssl-redirect').source
              : 'AGIC default: no HTTP to HTTPS redirect',
        };
      if (waf !== undefined)
        p.waf = { value: waf.trim() === '' ? 'off' : 'on', ...at('waf-policy-for-path') };
      if (protocol)
        p.upstreamTls = {
          value: {
            protocol,
            verify: protocol === 'HTTPS' && a('appgw-trusted-root-certificate') !== undefined,
            passthrough: false,
          },
          ...at('backend-protocol'),
        };
    }
    if (a('backend-path-prefix') !== undefined)
      exposure.signals.pathBroadeners.push(value('backend-path-prefix'));
  },
};
