/** Gateway API listeners and the class-based visibility shared by Gateway and route views. */
import type { ManifestDocument } from '../manifests/document.ts';
import type { GatewayListener, ObjectExposure } from '../model/exposure.ts';
import { normaliseHost } from '../model/hosts.ts';
import { configuredVisibility } from './class-visibility.ts';
import { arr, num, obj, str } from './manifest-values.ts';
import type { ProfileContext } from './profile.ts';

export const GATEWAY_GROUPS = ['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'];
export function listenersOf(doc: ManifestDocument): GatewayListener[] {
  return arr(obj(doc.body.spec).listeners).map((raw, i) => {
    const l = obj(raw);
    const protocol = (str(l.protocol) ?? '').toUpperCase();
    const from = str(obj(obj(l.allowedRoutes).namespaces).from);
    const line = doc.lineOf(['spec', 'listeners', i]);
    return {
      name: str(l.name) ?? String(i),
      protocol,
      hostname: normaliseHost(l.hostname),
      port: num(l.port),
      tls: protocol === 'HTTPS' || protocol === 'TLS',
      // `Same` is the API default.
      allowedRoutesFrom: from === 'All' || from === 'Selector' ? from : 'Same',
      line,
      allowedRoutesLine:
        from !== null ? doc.lineOf(['spec', 'listeners', i, 'allowedRoutes', 'namespaces', 'from']) : line,
    };
  });
}

/** The visibility a gateway class has in config; `unknown` (with the reason) otherwise. */
export function gatewayVisibility(
  className: string | null,
  line: number,
  ctx: ProfileContext,
  what: string,
): ObjectExposure['visibility'] {
  return (
    configuredVisibility(className, line, ctx) ?? {
      value: 'unknown',
      line,
      reason:
        className === null
          ? `${what} has no gatewayClassName`
          : `gatewayClassName "${className}" of ${what} is not classified in config`,
    }
  );
}
