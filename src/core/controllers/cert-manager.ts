/** cert-manager ingress-shim: issuer annotations on an Ingress decide who signs its certificates. */
import { annotationLine } from './ingress.ts';
import type { ControllerProfile } from './profile.ts';

const ISSUERS = [
  ['cert-manager.io/cluster-issuer', 'ClusterIssuer'],
  ['cert-manager.io/issuer', 'Issuer'],
  ['certmanager.k8s.io/cluster-issuer', 'ClusterIssuer'],
  ['certmanager.k8s.io/issuer', 'Issuer'],
] as const;

export const certManagerProfile: ControllerProfile = {
  id: 'cert-manager',
  claims: (exposure) => ISSUERS.some(([key]) => exposure.annotations[key] !== undefined),
  refine(exposure) {
    for (const [key, kind] of ISSUERS) {
      const v = exposure.annotations[key];
      if (v === undefined) continue;
      exposure.signals.certIssuer = {
        key,
        value: `${kind}/${v.trim()}`,
        line: annotationLine(exposure.doc, key),
      };
      return;
    }
  },
};
