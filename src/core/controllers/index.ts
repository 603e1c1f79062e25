/** The registry of controller profiles and the normalisation pass that applies them. */
import type { ManifestDocument } from '../manifests/document.ts';
import type { ObjectExposure } from '../model/exposure.ts';
import { awsAlbProfile } from './aws-alb.ts';
import { azureAgicProfile } from './azure-agic.ts';
import { certManagerProfile } from './cert-manager.ts';
import { contourProfile } from './contour.ts';
import { f5NginxProfile } from './f5-nginx.ts';
import { gatewayApiProfile } from './gateway-api.ts';
import { gkeProfile } from './gke.ts';
import { haproxyProfile } from './haproxy.ts';
import { ingressProfile } from './ingress.ts';
import { ingressAuditProfile } from './ingress-audit.ts';
import { ingressNginxProfile } from './ingress-nginx.ts';
import { istioProfile } from './istio.ts';
import { kongProfile } from './kong.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { traefikProfile } from './traefik.ts';

/** Builders first (they create views), then refiners in order; cross-cutting ones last. */
export const profiles: ControllerProfile[] = [
  ingressProfile,
  gatewayApiProfile,
  istioProfile,
  traefikProfile,
  contourProfile,
  ingressNginxProfile,
  f5NginxProfile,
  awsAlbProfile,
  gkeProfile,
  haproxyProfile,
  kongProfile,
  azureAgicProfile,
  certManagerProfile,
  ingressAuditProfile,
];

/** Turns every entry-point document into its Exposure view. */
export function normalise(documents: ManifestDocument[], ctx: ProfileContext): ObjectExposure[] {
  const out: ObjectExposure[] = [];
  for (const doc of documents) {
    let exposure: ObjectExposure | null = null;
    for (const p of profiles) {
      exposure = p.build?.(doc, ctx) ?? null;
      if (exposure) break;
    }
    if (!exposure) continue;
    for (const p of profiles) {
      if (p.claims(exposure, ctx)) {
        p.refine(exposure, ctx);
        if (!exposure.controllers.includes(p.id)) exposure.controllers.push(p.id);
      }
    }
    out.push(exposure);
  }
  return out;
}
