/**
 * A controller profile turns one family's annotations and CRDs into the neutral Exposure model.
 * Profiles are the only place that knows annotation names (ARCHITECTURE.md).
 */
import type { ManifestDocument } from '../manifests/document.ts';
import type { ObjectExposure } from '../model/exposure.ts';
import type { Config } from '../policy/config-schema.ts';

export interface ProfileContext {
  config: Config;
  /** Every document at the same ref, by kind: IngressClass, Middleware, KongPlugin, BackendConfig, Gateway… */
  documentsByKind: Map<string, ManifestDocument[]>;
}

export interface ControllerProfile {
  id: string;
  /** Builds the view of an entry-point kind this profile owns (Ingress is built by the neutral profile). */
  build?(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure | null;
  /** Whether this profile applies to an already-built view (by class, controller or annotation prefix). */
  claims(exposure: ObjectExposure, ctx: ProfileContext): boolean;
  /** Adds what this controller's annotations and related objects mean. Mutates the view it is given. */
  refine(exposure: ObjectExposure, ctx: ProfileContext): void;
}
