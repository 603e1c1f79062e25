/**
 * Kubernetes OpenAPI validation (kubernetes-models) for the Ingress-family kinds it covers, with each
 * problem placed on the line of the offending field.
 */
import { Ingress as ExtensionsV1beta1Ingress } from 'kubernetes-models/extensions/v1beta1/Ingress';
import { Ingress as NetworkingV1Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { IngressClass as NetworkingV1IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { Ingress as NetworkingV1beta1Ingress } from 'kubernetes-models/networking.k8s.io/v1beta1/Ingress';
import { IngressClass as NetworkingV1beta1IngressClass } from 'kubernetes-models/networking.k8s.io/v1beta1/IngressClass';
import type { FieldPath } from './document.ts';

export interface SchemaError {
  line: number;
  message: string;
}

/** What kubernetes-models' ValidationError carries (ajv's ErrorObject, the parts used here). */
interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

type Validatable = new (data: never) => { validate(): void };

const MODELS: Record<string, Validatable> = {
  'networking.k8s.io/v1/Ingress': NetworkingV1Ingress,
  'networking.k8s.io/v1beta1/Ingress': NetworkingV1beta1Ingress,
  'extensions/v1beta1/Ingress': ExtensionsV1beta1Ingress,
  'networking.k8s.io/v1/IngressClass': NetworkingV1IngressClass,
  'networking.k8s.io/v1beta1/IngressClass': NetworkingV1beta1IngressClass,
};

/** One bad list can fail the same rule hundreds of times; the first few say enough. */
const MAX_ERRORS = 20;

export function hasSchema(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in MODELS;
}

/** `/spec/rules/0/host` → ['spec', 'rules', 0, 'host'] (JSON Pointer unescaping included). */
export function pointerToPath(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      return /^(?:0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment;
    });
}

/** ['spec', 'rules', 0, 'host'] → `spec.rules[0].host`; odd keys (annotations) are quoted. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function describe(error: AjvError): { path: FieldPath; message: string } {
  let path = pointerToPath(error.instancePath);
  let message = error.message ?? `fails ${error.keyword}`;
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues))
    message += `: ${error.params.allowedValues.join(', ')}`;
  if (error.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string') {
    path = [...path, error.params.additionalProperty];
    message = 'is not a known field';
  }
  return { path, message: `${formatPath(path) || '(document)'} ${message}` };
}

/**
 * Validates `body` when kubernetes-models has a schema for its apiVersion and kind; otherwise (and
 * when valid) returns no errors. `lineOf` places each error.
 */
export function validateSchema(
  apiVersion: string,
  kind: string,
  body: Record<string, unknown>,
  lineOf: (path: FieldPath) => number,
): SchemaError[] {
  const Model = MODELS[`${apiVersion}/${kind}`];
  if (!Model) return [];
  try {
    new Model(body as never).validate();
    return [];
  } catch (error) {
    const details = (error as { errors?: AjvError[] }).errors;
    if (!Array.isArray(details))
      return [{ line: lineOf([]), message: String((error as Error).message ?? error) }];
    const seen = new Set<string>();
    const out: SchemaError[] = [];
    for (const detail of details) {
      const { path, message } = describe(detail);
      if (seen.has(message)) continue;
      seen.add(message);
      out.push({ line: lineOf(path), message });
      if (out.length === MAX_ERRORS) break;
    }
    return out;
  }
}
