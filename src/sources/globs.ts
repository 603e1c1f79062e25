/** Include/exclude globs from the config, matched against repository-relative paths. */
import picomatch from 'picomatch';

/**
 * A path matches when some include glob matches (an empty include list matches every path, as the
 * GitHub source does) and no exclude glob does. `dot: true` so files under dot-folders (`.deploy/`)
 * are not silently skipped.
 */
export function makeMatcher(
  include: readonly string[],
  exclude: readonly string[],
): (path: string) => boolean {
  const included = include.length > 0 ? picomatch([...include], { dot: true }) : () => true;
  const excluded = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
  return (path) => included(path) && !excluded(path);
}
