import { describe, expect, it } from 'vitest';
import { findCommandLine, parseCommand } from '../../../src/core/commands/parse-command.ts';

describe('parseCommand', () => {
  it('a bare /audit re-runs', () => {
    expect(parseCommand('/audit')).toEqual({ kind: 'run' });
    expect(parseCommand('thanks!\n/audit\n')).toEqual({ kind: 'run' });
  });
  it('waive with object and reason', () => {
    expect(parseCommand('/audit waive wildcard-host web/shop -- marketing site, SEC-142')).toEqual({
      kind: 'waive',
      rule: 'wildcard-host',
      object: 'web/shop',
      reason: 'marketing site, SEC-142',
    });
  });
  it('waive without an object applies to every object', () => {
    expect(parseCommand('/audit waive tls-missing -- internal only')).toMatchObject({
      kind: 'waive',
      object: null,
    });
  });
  it('waive without a reason is refused with the usage', () => {
    expect(parseCommand('/audit waive wildcard-host web/shop')).toMatchObject({
      kind: 'invalid',
      verb: 'waive',
    });
  });
  it('rejects an object that is not NAMESPACE/NAME (nothing path-like reaches anything)', () => {
    expect(parseCommand('/audit waive wildcard-host ../../etc/passwd -- x')).toMatchObject({
      kind: 'invalid',
    });
    expect(parseCommand('/audit history $(rm -rf /)')).toMatchObject({ kind: 'invalid' });
  });
  it('quoted commands and commands in code blocks are ignored', () => {
    expect(parseCommand('> /audit waive wildcard-host -- because')).toBeNull();
    expect(parseCommand('```\n/audit waive wildcard-host -- because\n```')).toBeNull();
    expect(parseCommand('see `/audit help`')).toBeNull();
  });
  it('a command after a closed code block is found', () => {
    expect(findCommandLine('```\nx\n```\n/audit help')).toBe('/audit help');
  });
  it('unknown verbs are reported as unknown (the caller answers with help)', () => {
    expect(parseCommand('/audit wave wildcard-host')).toEqual({ kind: 'unknown', verb: 'wave' });
  });
  it('explain, unwaive and history', () => {
    expect(parseCommand('/audit explain tls-removed')).toEqual({ kind: 'explain', rule: 'tls-removed' });
    expect(parseCommand('/audit unwaive tls-removed web/shop')).toEqual({
      kind: 'unwaive',
      rule: 'tls-removed',
      object: 'web/shop',
    });
    expect(parseCommand('/audit history web/shop')).toEqual({ kind: 'history', object: 'web/shop' });
  });
  it('/auditor is not a command', () => {
    expect(parseCommand('/auditor please')).toBeNull();
  });
});
