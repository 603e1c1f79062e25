/** Bytes or text from a front door → text the YAML parser can take, or why it cannot. */

export type Decoded = { ok: true; text: string } | { ok: false; line: number; message: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = '\uFEFF';

/** UTF-8 length without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function lineAtIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function lineAtByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * NUL bytes mark binary content (YAML forbids them and no text format uses them); invalid UTF-8
 * would be read by Kubernetes as garbage or refused, so both are reported rather than guessed at.
 * A UTF-8 byte order mark is dropped: it is not content.
 */
export function decodeSource(content: string | Uint8Array): Decoded {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    const nul = content.indexOf(0);
    if (nul !== -1)
      return { ok: false, line: lineAtByte(content, nul), message: 'binary file (contains NUL bytes)' };
    try {
      text = UTF8.decode(content);
    } catch {
      return {
        ok: false,
        line: lineAtByte(content, firstInvalidUtf8(content)),
        message: 'not valid UTF-8 text',
      };
    }
  }
  const nul = text.indexOf('\0');
  if (nul !== -1)
    return { ok: false, line: lineAtIndex(text, nul), message: 'binary file (contains NUL characters)' };
  return { ok: true, text: text.startsWith(BOM) ? text.slice(1) : text };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (for the notice's line). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const size =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return i;
    for (let k = 1; k < size; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += size;
  }
  return bytes.length;
}
