import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inputName, readInputs } from '../../src/action/inputs.ts';
import { runnerFiles } from '../../src/action/runner-files.ts';
import { setResultOutputs } from '../../src/action/runner-report.ts';
import { auditYaml } from '../support/audit-yaml.ts';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'));

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(existsSync(new URL('../../dist/action.js', import.meta.url))).toBe(true);
    expect(action.branding).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
  });

  it('declares exactly the inputs the Action reads, the token defaulting to the workflow token', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, key) => {
        read.add(String(key));
        return undefined;
      },
    });
    readInputs(env);
    expect([...read].sort()).toEqual(Object.keys(action.inputs).map(inputName).sort());
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
  });

  it('declares exactly the outputs the Action sets (drift runs add `drift`)', () => {
    const files = runnerFiles({});
    const result = auditYaml(undefined, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
    setResultOutputs(files, result, { reportJson: '/tmp/r.json', sarifFile: null });
    expect([...files.outputs.keys(), 'drift'].sort()).toEqual(Object.keys(action.outputs).sort());
  });
});
