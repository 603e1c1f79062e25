/**
 * The pull request a commit came from, read from its message: GitHub's merge commits say
 * `Merge pull request #123 from owner/branch`; squash and rebase merges end the subject with `(#123)`.
 */
export function pullRequestNumber(message: string): number | null {
  const subject = message.split('\n', 1)[0];
  const merge = /^Merge pull request #(\d+)\b/.exec(subject);
  if (merge) return Number(merge[1]);
  // The last `(#N)` in the subject: squash titles may mention other issues first.
  const squash = [...subject.matchAll(/\(#(\d+)\)/g)].at(-1);
  return squash ? Number(squash[1]) : null;
}
