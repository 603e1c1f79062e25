import { describe, expect, it } from 'vitest';
import {
  formatPath,
  hasSchema,
  pointerToPath,
  validateSchema,
} from '../../../src/core/manifests/schema-validation.ts';

describe('schema validation helpers', () => {
  it('pointerToPath turns a JSON Pointer into a field path with numeric indexes', () => {
    expect(pointerToPath('/spec/rules/0/host')).toEqual(['spec', 'rules', 0, 'host']);
    expect(pointerToPath('/metadata/annotations/a~1b~0c')).toEqual(['metadata', 'annotations', 'a/b~c']);
    expect(pointerToPath('')).toEqual([]);
  });

  it('formatPath reads like the field it names', () => {
    expect(formatPath(['spec', 'rules', 0, 'host'])).toBe('spec.rules[0].host');
    expect(formatPath(['metadata', 'annotations', 'nginx.ingress.kubernetes.io/auth-url'])).toBe(
      'metadata.annotations["nginx.ingress.kubernetes.io/auth-url"]',
    );
  });

  it('covers Ingress and IngressClass only', () => {
    expect(hasSchema('networking.k8s.io/v1', 'Ingress')).toBe(true);
    expect(hasSchema('extensions/v1beta1', 'Ingress')).toBe(true);
    expect(hasSchema('networking.k8s.io/v1beta1', 'IngressClass')).toBe(true);
    expect(hasSchema('gateway.networking.k8s.io/v1', 'HTTPRoute')).toBe(false);
  });

  it('places each error with the given lineOf and reports a missing required field at its parent', () => {
    const body = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'x' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix' }] } }] },
    };
    const seen: unknown[] = [];
    const errors = validateSchema('networking.k8s.io/v1', 'Ingress', body, (path) => {
      seen.push(path);
      return 7;
    });
    expect(errors).toEqual([
      { line: 7, message: 'spec.rules[0].http.paths[0] must have required property backend' },
    ]);
    expect(seen).toEqual([['spec', 'rules', 0, 'http', 'paths', 0]]);
  });
});
