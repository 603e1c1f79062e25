/** What the repository config says about an ingress or gateway class, which outranks controller defaults. */
import type { ObjectExposure } from '../model/exposure.ts';
import type { ProfileContext } from './profile.ts';

/** True when `classes.public` or `classes.internal` names the class: the team's own word wins. */
export function classListedInConfig(className: string | null, ctx: ProfileContext): boolean {
  if (className === null) return false;
  const { public: pub, internal } = ctx.config.classes;
  return pub.includes(className) || internal.includes(className);
}

/** Visibility from config for a class, or null when the config does not list it. */
export function configuredVisibility(
  className: string | null,
  line: number,
  ctx: ProfileContext,
): ObjectExposure['visibility'] | null {
  if (className === null) return null;
  if (ctx.config.classes.internal.includes(className))
    return { value: 'internal', line, reason: `class "${className}" is listed as internal in config` };
  if (ctx.config.classes.public.includes(className))
    return { value: 'public', line, reason: `class "${className}" is listed as public in config` };
  return null;
}
