/**
 * Escaping for text that came from manifests (or any other untrusted input) on its way into GitHub
 * markdown or a terminal. Invariants, whatever the input:
 *
 * - no `@user` / `@org/team` mention and no `#123` / `GH-123` issue reference is created (a word
 *   joiner U+2060 is inserted after `@`, `#` and `GH-`: invisible to readers, breaks GitHub's matchers,
 *   which run on rendered text, so entity-encoding alone would not help);
 * - no HTML: `<`, `>`, `&` are entity-encoded in text; in code, `<` is followed by a word joiner — so the
 *   raw sequence `<!--` never appears and nobody can forge our hidden markers;
 * - no markdown structure: links, emphasis, tables, headings and line breaks are neutralised.
 *
 * Redaction of credentials is a separate step (redact.ts) done before escaping.
 */

/** U+2060 WORD JOINER: zero-width, no line-break opportunity, no emoji semantics. */
export const WORD_JOINER = '\u2060';

// C0/C1 controls (ANSI escapes, NUL…), and bidi overrides/isolates that can make text read differently
// from what it is ("Trojan Source"). Tab and newlines are handled separately.
const CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;
// Invisible characters (zero-width, soft hyphen, word joiners, BOM, Unicode tag characters): removing them
// would make `shop\u200b.example.com` read as `shop.example.com`, so they are shown as `⟨U+200B⟩` instead.
// Runs before our own word joiners are added, so only the input's are marked.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\u{e0000}-\u{e007f}]/gu;

function showInvisible(ch: string): string {
  return `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/**
 * One line of plain text: line breaks and tabs folded to spaces, control and bidi characters removed,
 * invisible characters made visible.
 */
export function foldLine(text: string): string {
  return text
    .replace(LINE_BREAK, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(INVISIBLE, showInvisible);
}

/** Break mention and issue-reference syntax without changing what a reader sees. */
function unlinkReferences(text: string): string {
  return text
    .replace(/@/g, `@${WORD_JOINER}`)
    .replace(/#(?=\d)/g, `#${WORD_JOINER}`)
    .replace(/\b(gh-)(?=\d)/gi, `$1${WORD_JOINER}`);
}

/**
 * Plain text for surfaces that do not render markdown but where GitHub may still link references
 * (check-run annotations, terminal output): one line, no controls, no mentions.
 */
export function plainText(text: string): string {
  return unlinkReferences(foldLine(text));
}

const MD_PUNCTUATION = /[\\`*_{}[\]()#+!|~$^]/g;
const HTML = /[&<>"]/g;
const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Untrusted text as inert inline markdown. Safe in paragraphs, list items, table cells and link labels
 * (pipes are escaped, so a cell cannot be split).
 */
export function mdText(text: string): string {
  let out = foldLine(text)
    .replace(HTML, (c) => HTML_ENTITY[c])
    .replace(MD_PUNCTUATION, (c) => `\\${c}`)
    // Autolinks would make a plain URL clickable (and an issue URL creates a cross-reference).
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${WORD_JOINER}.`);
  // Block syntax only matters at the start of a line: list markers, ordered lists, setext underlines.
  out = out.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return unlinkReferences(out);
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** Content of a code span or block: literal for readers, but never a raw `<!--`, `<img`, or mention. */
function inertCode(text: string): string {
  return unlinkReferences(text.replace(/</g, `<${WORD_JOINER}`));
}

/**
 * Untrusted text as an inline code span. The fence is longer than any backtick run inside, padded when
 * the content starts or ends with a backtick or space. In a GFM table cell pass `{ table: true }`: pipes
 * must then be escaped even inside code (GFM splits cells before parsing code spans).
 */
export function inlineCode(text: string, opts: { table?: boolean } = {}): string {
  let content = inertCode(foldLine(text));
  if (opts.table) content = content.replace(/\|/g, '\\|');
  if (content === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Untrusted multi-line text as a fenced code block whose fence no line inside can close. */
export function codeBlock(text: string, lang = ''): string {
  const content = inertCode(
    text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(/\t/g, '  ')
      .replace(CONTROL, '')
      .replace(INVISIBLE, showInvisible),
  );
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  const info = lang.replace(/[^A-Za-z0-9_+-]/g, '');
  return `${fence}${info}\n${content}${content.endsWith('\n') ? '' : '\n'}${fence}`;
}

/**
 * A markdown link to a URL we built (docs pages), with an optional tooltip. Anything but http(s) renders
 * as the label alone; characters that would end the link destination are percent-encoded.
 */
export function mdLink(label: string, url: string, title?: string): string {
  if (!/^https?:\/\//i.test(url)) return label;
  const safeUrl = url.replace(
    /[\s()<>\\`"']/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  if (!title) return `[${label}](${safeUrl})`;
  const safeTitle = unlinkReferences(
    foldLine(title)
      .replace(HTML, (c) => HTML_ENTITY[c])
      .replace(/\\/g, '\\\\'),
  );
  return `[${label}](${safeUrl} "${safeTitle}")`;
}

/** At most `max` UTF-16 units of `text`, ending in `…` when cut (never splitting a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
