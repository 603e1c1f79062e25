/**
 * `ALLOWED_REPOS` / `ALLOWED_INSTALLATIONS`: when set, events from any other repository or installation
 * are ignored (a leaked App key or a stray installation cannot make this server work for strangers).
 */
export interface Allowlist {
  repos: ReadonlySet<string> | null;
  installations: ReadonlySet<number> | null;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Comma- or space-separated `owner/repo` names (case-insensitive) and installation ids; empty = no limit. */
export function parseAllowlist(env: { ALLOWED_REPOS?: string; ALLOWED_INSTALLATIONS?: string }): Allowlist {
  const repos = list(env.ALLOWED_REPOS).map((r) => r.toLowerCase());
  const installations = list(env.ALLOWED_INSTALLATIONS).map(Number).filter(Number.isInteger);
  return {
    repos: repos.length > 0 ? new Set(repos) : null,
    installations: installations.length > 0 ? new Set(installations) : null,
  };
}

/** Why an event is not ours to handle, or null when it is allowed. */
export function refusedBy(
  allow: Allowlist,
  payload: { repository?: { full_name: string } | null; installation?: { id: number } | null },
): string | null {
  if (allow.installations && !allow.installations.has(payload.installation?.id ?? Number.NaN)) {
    return `installation ${payload.installation?.id ?? '(none)'} is not in ALLOWED_INSTALLATIONS`;
  }
  const name = payload.repository?.full_name.toLowerCase();
  if (allow.repos && (name === undefined || !allow.repos.has(name))) {
    return `repository ${payload.repository?.full_name ?? '(none)'} is not in ALLOWED_REPOS`;
  }
  return null;
}
