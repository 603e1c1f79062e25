/**
 * Which Kubernetes kinds ingress-audit cares about, by API group (the version never matters for
 * identity: an Ingress moved from extensions/v1beta1 to networking.k8s.io/v1 is the same kind).
 */

/** API group of an apiVersion: `networking.k8s.io/v1` → `networking.k8s.io`; core `v1` → ''. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export const INGRESS_API_VERSIONS: readonly string[] = [
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'extensions/v1beta1',
];
export const INGRESS_CLASS_API_VERSIONS: readonly string[] = [
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
];

/** Standard and experimental (x-k8s.io) Gateway API groups. */
export const GATEWAY_API_GROUPS: readonly string[] = [
  'gateway.networking.k8s.io',
  'gateway.networking.x-k8s.io',
];
export const GATEWAY_API_ROUTE_KINDS: readonly string[] = [
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
];
export const GATEWAY_API_KINDS: readonly string[] = [
  'Gateway',
  'GatewayClass',
  'ListenerSet',
  'XListenerSet',
  ...GATEWAY_API_ROUTE_KINDS,
  'ReferenceGrant',
  'BackendTLSPolicy',
];

/** traefik.containo.us is the pre-v3 group of the same CRDs. */
export const TRAEFIK_GROUPS: readonly string[] = ['traefik.io', 'traefik.containo.us'];
export const TRAEFIK_ROUTE_KINDS: readonly string[] = ['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP'];
export const TRAEFIK_KINDS: readonly string[] = [
  ...TRAEFIK_ROUTE_KINDS,
  'Middleware',
  'MiddlewareTCP',
  'TLSOption',
  'TLSStore',
  'ServersTransport',
  'ServersTransportTCP',
  'TraefikService',
];

export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';
export const ISTIO_KINDS: readonly string[] = ['Gateway', 'VirtualService'];

/**
 * Objects that do not expose anything themselves but change what an entry point means
 * (backends, secrets, auth plugins, controller parameters, certificates).
 */
export const CONTEXT_KINDS: readonly { group: string; kind: string }[] = [
  { group: '', kind: 'Service' },
  { group: '', kind: 'Secret' },
  { group: '', kind: 'ConfigMap' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'configuration.konghq.com', kind: 'KongPlugin' },
  { group: 'configuration.konghq.com', kind: 'KongClusterPlugin' },
  { group: 'cloud.google.com', kind: 'BackendConfig' },
  { group: 'networking.gke.io', kind: 'FrontendConfig' },
  { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
  { group: 'cert-manager.io', kind: 'Certificate' },
  { group: 'projectcontour.io', kind: 'HTTPProxy' },
  { group: 'kustomize.config.k8s.io', kind: 'Kustomization' },
  { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization' },
  { group: 'security.istio.io', kind: 'AuthorizationPolicy' },
  // F5 NGINX `nginx.org/policies` point at Policy objects (access control, JWT/OIDC auth, rate limits).
  { group: 'k8s.nginx.org', kind: 'Policy' },
];
const CONTEXT_KEYS = new Set(CONTEXT_KINDS.map(({ group, kind }) => `${group}/${kind}`));

export function isIngress(apiVersion: string, kind: string): boolean {
  return kind === 'Ingress' && INGRESS_API_VERSIONS.includes(apiVersion);
}

export function isIngressClass(apiVersion: string, kind: string): boolean {
  return kind === 'IngressClass' && INGRESS_CLASS_API_VERSIONS.includes(apiVersion);
}

export function isGatewayApi(apiVersion: string, kind: string): boolean {
  return GATEWAY_API_GROUPS.includes(groupOf(apiVersion)) && GATEWAY_API_KINDS.includes(kind);
}

export function isTraefik(apiVersion: string, kind: string): boolean {
  return TRAEFIK_GROUPS.includes(groupOf(apiVersion)) && TRAEFIK_KINDS.includes(kind);
}

export function isIstio(apiVersion: string, kind: string): boolean {
  return groupOf(apiVersion) === ISTIO_NETWORKING_GROUP && ISTIO_KINDS.includes(kind);
}

/** Objects that accept traffic from outside and that the model normalises into routes. */
export function isEntryPointKind(apiVersion: string, kind: string): boolean {
  const group = groupOf(apiVersion);
  if (isIngress(apiVersion, kind) || isIstio(apiVersion, kind)) return true;
  if (GATEWAY_API_GROUPS.includes(group))
    return (
      kind === 'Gateway' ||
      kind === 'ListenerSet' ||
      kind === 'XListenerSet' ||
      GATEWAY_API_ROUTE_KINDS.includes(kind)
    );
  if (TRAEFIK_GROUPS.includes(group)) return TRAEFIK_ROUTE_KINDS.includes(kind);
  return group === 'projectcontour.io' && kind === 'HTTPProxy';
}

/** Entry points plus the kinds of the same APIs that configure them (classes, grants, middlewares). */
export function isIngressFamily(apiVersion: string, kind: string): boolean {
  return (
    isEntryPointKind(apiVersion, kind) ||
    isIngressClass(apiVersion, kind) ||
    isGatewayApi(apiVersion, kind) ||
    isTraefik(apiVersion, kind)
  );
}

export function isContextKind(apiVersion: string, kind: string): boolean {
  return CONTEXT_KEYS.has(`${groupOf(apiVersion)}/${kind}`);
}

/**
 * Everything the audit reads: argument order matches `LoadOptions.wantKind` so it can be passed
 * straight to the loader.
 */
export function isRelevantKind(kind: string, apiVersion: string): boolean {
  return isIngressFamily(apiVersion, kind) || isContextKind(apiVersion, kind);
}
