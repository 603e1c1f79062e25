/**
 * A Route of an API whose host wildcards match any depth (`*.example.com` covers `a.b.example.com`):
 * Gateway API routes and Istio VirtualServices, which build their routes host × path the same way.
 */
import type { Backend, Protections, Route } from '../model/exposure.ts';
import { hostMatchOf } from '../model/hosts.ts';

export function suffixHostRoute(
  host: { host: string; line: number },
  path: { path: string; pathType: Route['pathType']; line: number },
  backend: Backend | null,
  protections: Protections,
): Route {
  return {
    host: host.host,
    hostLine: host.line,
    hostMatch: hostMatchOf(host.host, 'suffix'),
    path: path.path,
    pathType: path.pathType,
    pathLine: path.line,
    backend,
    protections,
  };
}
