/** Our own annotation: inline waivers (`ingress-audit.io/waive: "rule-id: reason"`). */
import { parseInlineWaivers } from '../policy/waivers.ts';
import { annotationLine } from './ingress.ts';
import type { ControllerProfile } from './profile.ts';

export const WAIVE_ANNOTATION = 'ingress-audit.io/waive';

export const ingressAuditProfile: ControllerProfile = {
  id: 'ingress-audit',
  claims: (exposure) => exposure.annotations[WAIVE_ANNOTATION] !== undefined,
  refine(exposure) {
    const value = exposure.annotations[WAIVE_ANNOTATION];
    const line = annotationLine(exposure.doc, WAIVE_ANNOTATION);
    exposure.signals.waivers = parseInlineWaivers(value).map((w) => ({
      key: WAIVE_ANNOTATION,
      value,
      line,
      ...w,
    }));
  },
};
