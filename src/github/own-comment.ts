/** The author fields of a GitHub comment (issue or review comment). */
export interface CommentAuthor {
  login: string;
  type: string;
}

/**
 * Whether a comment was written by us: by `botLogin` when known (the App's `slug[bot]`, the Action's
 * `github-actions[bot]`), else by any bot account. Never a user: users cannot plant our markers.
 */
export function isOwnComment(user: CommentAuthor | null | undefined, botLogin?: string): boolean {
  if (!user) return false;
  return botLogin ? user.login === botLogin : user.type === 'Bot';
}
