/** The tool's version, from package.json (bundlers inline the JSON import). */
import pkg from '../../package.json' with { type: 'json' };

export const TOOL_VERSION: string = pkg.version;
