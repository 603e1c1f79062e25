import { describe, expect, it } from 'vitest';
import {
  groupOf,
  isContextKind,
  isEntryPointKind,
  isGatewayApi,
  isIngress,
  isIngressClass,
  isIngressFamily,
  isIstio,
  isRelevantKind,
  isTraefik,
} from '../../../src/core/manifests/kinds.ts';

describe('kinds', () => {
  it('groupOf splits the group from the version; the core group is empty', () => {
    expect(groupOf('networking.k8s.io/v1')).toBe('networking.k8s.io');
    expect(groupOf('v1')).toBe('');
  });

  it('Ingress in all three API versions, not in others', () => {
    for (const v of ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'])
      expect(isIngress(v, 'Ingress')).toBe(true);
    expect(isIngress('example.com/v1', 'Ingress')).toBe(false);
    expect(isIngressClass('networking.k8s.io/v1', 'IngressClass')).toBe(true);
  });

  it('Gateway API, Traefik (both groups) and Istio kinds', () => {
    expect(isGatewayApi('gateway.networking.k8s.io/v1', 'HTTPRoute')).toBe(true);
    expect(isGatewayApi('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant')).toBe(true);
    expect(isGatewayApi('gateway.networking.k8s.io/v1alpha2', 'TLSRoute')).toBe(true);
    expect(isTraefik('traefik.io/v1alpha1', 'IngressRoute')).toBe(true);
    expect(isTraefik('traefik.containo.us/v1alpha1', 'Middleware')).toBe(true);
    expect(isIstio('networking.istio.io/v1beta1', 'VirtualService')).toBe(true);
    expect(isIstio('networking.istio.io/v1beta1', 'Gateway')).toBe(true);
    expect(isGatewayApi('networking.istio.io/v1beta1', 'Gateway')).toBe(false);
  });

  it('entry points are the objects that route traffic, not their configuration', () => {
    expect(isEntryPointKind('networking.k8s.io/v1', 'Ingress')).toBe(true);
    expect(isEntryPointKind('gateway.networking.k8s.io/v1', 'Gateway')).toBe(true);
    expect(isEntryPointKind('gateway.networking.k8s.io/v1', 'GRPCRoute')).toBe(true);
    expect(isEntryPointKind('traefik.io/v1alpha1', 'IngressRoute')).toBe(true);
    expect(isEntryPointKind('projectcontour.io/v1', 'HTTPProxy')).toBe(true);
    expect(isEntryPointKind('gateway.networking.k8s.io/v1', 'ReferenceGrant')).toBe(false);
    expect(isEntryPointKind('traefik.io/v1alpha1', 'Middleware')).toBe(false);
    expect(isEntryPointKind('networking.k8s.io/v1', 'IngressClass')).toBe(false);
    expect(isIngressFamily('traefik.io/v1alpha1', 'Middleware')).toBe(true);
    expect(isIngressFamily('apps/v1', 'Deployment')).toBe(false);
  });

  it('context kinds are matched by group and kind', () => {
    expect(isContextKind('v1', 'Service')).toBe(true);
    expect(isContextKind('apps/v1', 'Deployment')).toBe(true);
    expect(isContextKind('configuration.konghq.com/v1', 'KongPlugin')).toBe(true);
    expect(isContextKind('cert-manager.io/v1', 'Certificate')).toBe(true);
    expect(isContextKind('example.com/v1', 'Service')).toBe(false);
  });

  it('isRelevantKind takes (kind, apiVersion) like LoadOptions.wantKind', () => {
    expect(isRelevantKind('Ingress', 'networking.k8s.io/v1')).toBe(true);
    expect(isRelevantKind('Secret', 'v1')).toBe(true);
    expect(isRelevantKind('Job', 'batch/v1')).toBe(false);
  });
});
