import picomatch from 'picomatch';

/** `include`/`exclude` globs from the config, applied to repository-relative paths (dot folders included). */
export function createPathFilter(
  include: readonly string[],
  exclude: readonly string[],
): (path: string) => boolean {
  const options = { dot: true };
  const included = include.length > 0 ? picomatch([...include], options) : () => true;
  const excluded = exclude.length > 0 ? picomatch([...exclude], options) : () => false;
  return (path) => included(path) && !excluded(path);
}
