import type { Probot } from 'probot';

export interface AppIdentity {
  /** `<slug>[bot]`: the author of our comments. */
  login: string;
  /** The App's id: only our check runs are reused. */
  id?: number;
}

/**
 * Who we are on GitHub, asked once (GET /app with the App's JWT) and remembered; `known` (APP_SLUG)
 * skips the request. A failed look-up is retried on the next event rather than cached.
 */
export function createIdentityResolver(
  app: Probot,
  known: { slug?: string; id?: number } = {},
): () => Promise<AppIdentity> {
  if (known.slug) {
    const identity = { login: `${known.slug}[bot]`, id: known.id };
    return async () => identity;
  }
  let pending: Promise<AppIdentity> | null = null;
  return () => {
    pending ??= (async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data?.slug) throw new Error('GET /app did not return the App slug');
      return { login: `${data.slug}[bot]`, id: data.id };
    })().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
