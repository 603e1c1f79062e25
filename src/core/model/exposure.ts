/**
 * The controller-neutral view of an entry point. Controller profiles (src/core/controllers) turn
 * annotations and CRDs into this; rules read only this.
 */
import type { ManifestDocument } from '../manifests/document.ts';

export type Visibility = 'public' | 'internal' | 'unknown';

/** Identity survives file moves: group (not version), kind, namespace, name. */
export interface ObjectRef {
  group: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/** A fact with the line that established it (in the object's file) and a human label of its source. */
export interface Fact<T> {
  value: T;
  line: number;
  /** e.g. `annotation nginx.ingress.kubernetes.io/auth-type` or `spec.tls[0]`; used in messages. */
  source?: string;
  /**
   * Set when the value depends on an object that is not in the repo (e.g. an HTTPRoute's parent
   * Gateway): the value is a placeholder and this says why. Rules should not report it as a loss.
   */
  unresolved?: string;
}

export type AuthKind = 'basic' | 'digest' | 'external' | 'mtls' | 'oidc' | 'plugin' | 'iap' | 'other';

export interface AuthMechanism {
  kind: AuthKind;
  /** Short description for messages, e.g. `basic auth (secret web/htpasswd)`. */
  detail: string;
  line: number;
  source?: string;
  /** Why this mechanism is weaker than it looks, each with its own line (empty when sound). */
  weaknesses: { code: string; message: string; line: number }[];
  /** For external auth: where requests are sent (used to detect downgrades and domain moves). */
  url?: string;
}

export interface Protections {
  /** Empty array = no authentication. */
  auth: AuthMechanism[];
  /** `any` = every address may connect; otherwise the allowed CIDRs (normalised). */
  sourceRanges: Fact<'any' | string[]>;
  denyRanges: Fact<string[]>;
  tls: Fact<boolean>;
  /** 'on' redirects HTTP to HTTPS; 'off' serves plain HTTP; 'unknown' when the controller default is not known. */
  httpsRedirect: Fact<'on' | 'off' | 'unknown'>;
  waf: Fact<'on' | 'detect' | 'off' | 'unknown'>;
  /** Requests per second equivalent, or null when no limit is set. */
  rateLimit: Fact<{ rps?: number; rpm?: number; connections?: number } | null>;
  cors: Fact<{ enabled: boolean; origins: string[]; credentials: boolean } | null>;
  upstreamTls: Fact<{ protocol: string; verify: boolean; passthrough: boolean }>;
  accessLog: Fact<boolean>;
  /** The object opts out of an authentication the controller applies globally (e.g. global-auth-url). */
  authOptOut?: { line: number; message: string };
}

export interface Backend {
  /** `service:port`, or another controller-specific target (e.g. `resource:apiGroup/Kind/name`). */
  service: string;
  port: string;
  namespace: string | null;
  line: number;
}

export interface Route {
  /** Lower-cased host; '' means every host (a rule without host / a listener without hostname). */
  host: string;
  hostLine: number;
  /** How the host matches: Ingress `*.x` matches one label, Gateway API `*.x` any depth. */
  hostMatch: 'exact' | 'wildcard-one-label' | 'wildcard-suffix' | 'any';
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific' | 'Regex' | 'Unknown';
  pathLine: number;
  backend: Backend | null;
  protections: Protections;
}

/** Annotation-derived signals that some rules need; filled by controller profiles only. */
export interface AnnotatedValue {
  key: string;
  value: string;
  line: number;
}

export interface Signals {
  /** Raw configuration snippets injected into the proxy config. */
  snippets: AnnotatedValue[];
  /** Values of annotations that were injection vectors in past CVEs. */
  injectionProne: AnnotatedValue[];
  /** Annotations with an official risk level (ingress-nginx annotations-risk table). */
  riskRated: (AnnotatedValue & { risk: 'Low' | 'Medium' | 'High' | 'Critical' })[];
  /** Traffic copied or diverted elsewhere: mirror targets, redirects, server aliases, forward actions. */
  diversions: (AnnotatedValue & { kind: 'mirror' | 'redirect' | 'alias' | 'forward'; target: string })[];
  /** Settings that make path matching broader: regex mode, rewrite. */
  pathBroadeners: AnnotatedValue[];
  /** Shared load balancer membership (ALB group, F5 mergeable). */
  sharedGroup: (AnnotatedValue & { order?: number }) | null;
  /** cert-manager issuer reference, e.g. `ClusterIssuer/letsencrypt-prod`. */
  certIssuer: AnnotatedValue | null;
  /** Inline waivers on the object: `ingress-audit.io/waive`. */
  waivers: (AnnotatedValue & { rule: string; reason: string })[];
  /** Canary Ingress (diverts part of another Ingress's traffic). */
  canary: AnnotatedValue | null;
}

/** A Gateway API listener (or an Istio Gateway server): where a Gateway accepts traffic, and from whom. */
export interface GatewayListener {
  name: string;
  /** HTTP, HTTPS, TLS, TCP, UDP, GRPC… as declared (upper-cased). */
  protocol: string;
  /** Lower-cased; '' = every hostname. */
  hostname: string;
  port: number | null;
  /** The listener terminates or passes through TLS. */
  tls: boolean;
  /** Which namespaces' routes may attach (Gateway API `allowedRoutes.namespaces.from`, default Same). */
  allowedRoutesFrom: 'Same' | 'All' | 'Selector';
  /** Line of the listener entry. */
  line: number;
  /** Line of `allowedRoutes.namespaces.from`, or the listener line when it is defaulted. */
  allowedRoutesLine: number;
}

/** A ReferenceGrant: which objects in other namespaces may refer to which objects in this one. */
export interface ReferenceGrantDetail {
  from: { group: string; kind: string; namespace: string; line: number }[];
  /** `name` null = every object of that kind in the grant's namespace. */
  to: { group: string; kind: string; name: string | null; line: number }[];
}

export interface ObjectExposure {
  ref: ObjectRef;
  apiVersion: string;
  file: string;
  line: number;
  /** Profile ids that shaped this view, e.g. ['ingress', 'ingress-nginx', 'cert-manager']. */
  controllers: string[];
  ingressClass: {
    name: string | null;
    source: 'field' | 'annotation' | 'default' | 'none';
    line: number;
    conflict?: string;
  };
  visibility: Fact<Visibility> & { reason: string };
  routes: Route[];
  /** TLS entries as declared; `hosts` lower-cased. */
  tls: { hosts: string[]; secretName: string | null; line: number }[];
  /** A backend that takes every request nothing else matches. */
  defaultBackend: (Backend & { controllerWide: boolean }) | null;
  signals: Signals;
  /** Plain annotations, for rules that must compare raw values (class, deprecated api) and for inventory. */
  annotations: Record<string, string>;
  /** The document the view was built from (positions, body, schema errors). */
  doc: ManifestDocument;
  /** Gateway objects (Gateway API Gateway, Istio Gateway): their listeners. Routes are one per listener. */
  gateway?: { listeners: GatewayListener[] };
  /** ReferenceGrant objects: what they allow. Such a view has no routes. */
  referenceGrant?: ReferenceGrantDetail;
}
