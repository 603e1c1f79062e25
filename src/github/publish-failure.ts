/** A publish step that failed after Octokit's retries: reported to the caller, never thrown past it. */
export interface PublishFailure {
  ok: false;
  error: string;
  /** HTTP status when GitHub answered (403 on a read-only token, 422 on a rejected payload…). */
  status?: number;
}

interface RequestErrorLike {
  status?: unknown;
  message?: unknown;
  request?: { method?: unknown; url?: unknown };
}

/** Turns whatever Octokit threw into a one-line reason fit for a check run or a log. */
export function describeFailure(error: unknown, step: string): PublishFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as RequestErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const where =
    typeof e.request?.method === 'string' && typeof e.request.url === 'string'
      ? ` (${e.request.method} ${new URL(e.request.url, 'http://github.invalid').pathname})`
      : '';
  return { ok: false, error: `${step}: ${status ? `${status} ` : ''}${message}${where}`, status };
}
