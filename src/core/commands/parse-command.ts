/**
 * `/audit` commands in pull-request comments. Pure parsing only: permission checks and effects live in
 * the front doors. Quoted lines (`> /audit …`) and code blocks are ignored, so quoting someone's
 * command never re-runs it.
 */

export type AuditCommand =
  | { kind: 'run' }
  | { kind: 'help' }
  | { kind: 'explain'; rule: string }
  | { kind: 'waive'; rule: string; object: string | null; reason: string }
  | { kind: 'unwaive'; rule: string; object: string | null }
  | { kind: 'history'; object: string }
  | { kind: 'invalid'; verb: string; problem: string }
  | { kind: 'unknown'; verb: string };

export const COMMAND_VERBS = ['explain', 'waive', 'unwaive', 'history', 'help'] as const;

const OBJECT = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/;
const RULE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The first `/audit` line outside quotes and code fences, or null when the comment has none. */
export function findCommandLine(body: string): string | null {
  let fence: string | null = null;
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const f = line.match(/^(`{3,}|~{3,})/);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (line.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null || line.startsWith('>')) continue;
    if (/^\/audit(\s|$)/.test(line)) return line;
  }
  return null;
}

export function parseCommand(body: string): AuditCommand | null {
  const line = findCommandLine(body);
  if (line === null) return null;
  const [head, ...reasonParts] = line.split(/\s--(?:\s|$)/);
  const words = head.trim().split(/\s+/).slice(1);
  const reason = reasonParts.join(' -- ').trim();
  const verb = (words[0] ?? '').toLowerCase();
  const args = words.slice(1);
  const bad = (problem: string): AuditCommand => ({ kind: 'invalid', verb, problem });
  switch (verb) {
    case '':
      return { kind: 'run' };
    case 'help':
      return { kind: 'help' };
    case 'explain':
      if (args.length !== 1 || !RULE.test(args[0])) return bad('usage: /audit explain RULE');
      return { kind: 'explain', rule: args[0] };
    case 'waive':
    case 'unwaive': {
      if (args.length < 1 || args.length > 2 || !RULE.test(args[0]))
        return bad(`usage: /audit ${verb} RULE [NAMESPACE/NAME]${verb === 'waive' ? ' -- REASON' : ''}`);
      const object = args[1] ?? null;
      if (object !== null && !OBJECT.test(object)) return bad(`"${object}" is not NAMESPACE/NAME`);
      if (verb === 'unwaive') return { kind: 'unwaive', rule: args[0], object };
      if (!reason) return bad('a waiver needs a reason: /audit waive RULE [NAMESPACE/NAME] -- REASON');
      return { kind: 'waive', rule: args[0], object, reason: reason.slice(0, 500) };
    }
    case 'history':
      if (args.length !== 1 || !OBJECT.test(args[0])) return bad('usage: /audit history NAMESPACE/NAME');
      return { kind: 'history', object: args[0] };
    default:
      return { kind: 'unknown', verb };
  }
}

export const COMMAND_HELP = [
  '`/audit` — run the audit again on the current head',
  '`/audit explain RULE` — what a rule checks and how to fix it',
  '`/audit waive RULE [NAMESPACE/NAME] -- REASON` — accept a finding (needs a permission listed in `commands.waive`)',
  '`/audit unwaive RULE [NAMESPACE/NAME]` — withdraw a waiver',
  '`/audit history NAMESPACE/NAME` — the last exposure changes of an object',
  '`/audit help` — this list',
].join('\n');
