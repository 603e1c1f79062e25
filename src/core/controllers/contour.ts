/**
 * Contour (projectcontour/contour): Ingress annotations here; HTTPProxy objects in contour-httpproxy.ts.
 * Sources: site/content/docs/main/config/annotations.md, ../shared/reference/ingress-security-facts.md §3.8.
 */
import type { ObjectExposure } from '../model/exposure.ts';
import { apiGroup } from '../model/identity.ts';
import { buildHttpProxy } from './contour-httpproxy.ts';
import { annotationLine, annotationsOf, classController } from './ingress.ts';
import { falsy, splitList, truthy } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { findRelated, labelOf } from './related-documents.ts';

const PREFIX = 'projectcontour.io/';
const CONTOUR_CLASS = 'projectcontour.io/ingress.class';
const CONTROLLERS = ['projectcontour.io/contour', 'projectcontour.io/ingress-controller'];
const FORCE_REDIRECT = 'ingress.kubernetes.io/force-ssl-redirect';
const ALLOW_HTTP = 'kubernetes.io/ingress.allow-http';
const UPSTREAM_TLS = 'projectcontour.io/upstream-protocol.tls';

function refineIngress(exposure: ObjectExposure, ctx: ProfileContext): void {
  const doc = exposure.doc;
  const a = exposure.annotations;
  const at = (key: string) => ({ line: annotationLine(doc, key), source: `annotation ${key}` });
  if (exposure.ingressClass.name === null && a[CONTOUR_CLASS] !== undefined)
    exposure.ingressClass = { name: a[CONTOUR_CLASS], source: 'annotation', line: at(CONTOUR_CLASS).line };
  for (const route of exposure.routes) {
    const p = route.protections;
    if (truthy(a[FORCE_REDIRECT])) p.httpsRedirect = { value: 'on', ...at(FORCE_REDIRECT) };
    else if (falsy(a[ALLOW_HTTP]))
      p.httpsRedirect = {
        value: 'on',
        line: at(ALLOW_HTTP).line,
        source: `annotation ${ALLOW_HTTP} (HTTPS only)`,
      };
    // Contour keeps serving plain HTTP for an Ingress with TLS unless one of the two above is set.
    else
      p.httpsRedirect = {
        value: 'off',
        line: route.hostLine,
        source: `Contour default (no ${FORCE_REDIRECT})`,
      };
    const service = route.backend
      ? findRelated(ctx, 'Service', route.backend.service, route.backend.namespace, [''])
      : null;
    const tlsPorts = service ? splitList(annotationsOf(service)[UPSTREAM_TLS]) : [];
    if (service && route.backend && tlsPorts.includes(route.backend.port))
      p.upstreamTls = {
        value: { protocol: 'HTTPS', verify: false, passthrough: false },
        line: route.backend.line,
        source: `${labelOf(service)} annotation ${UPSTREAM_TLS}`,
      };
  }
}

export const contourProfile: ControllerProfile = {
  id: 'contour',
  build(doc, ctx) {
    return doc.kind === 'HTTPProxy' && apiGroup(doc.apiVersion) === 'projectcontour.io'
      ? buildHttpProxy(doc, ctx)
      : null;
  },
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    if (Object.keys(exposure.annotations).some((k) => k.startsWith(PREFIX))) return true;
    const controller = classController(exposure.ingressClass.name, ctx);
    if (controller !== null) return CONTROLLERS.includes(controller);
    return exposure.ingressClass.name !== null && /contour/.test(exposure.ingressClass.name);
  },
  refine: refineIngress,
};
