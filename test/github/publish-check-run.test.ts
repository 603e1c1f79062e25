import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_OUTPUT_LIMIT } from '../../src/github/fit-text.ts';
import { type CheckRunAnnotation, publishCheckRun } from '../../src/github/publish-check-run.ts';
import { startCheckRun } from '../../src/github/start-check-run.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { testOctokit } from '../support/test-octokit.ts';

const CREATE = 'POST /repos/{owner}/{repo}/check-runs';
const UPDATE = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
  server.addCommit('head', { 'a.yaml': 'x: 1\n' });
});
afterEach(async () => {
  await server.close();
});
const octokit = () => testOctokit(server.url);
const annotations = (n: number): CheckRunAnnotation[] =>
  Array.from({ length: n }, (_, i) => ({
    path: 'a.yaml',
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'failure',
    message: `finding ${i}`,
  }));
const params = { owner: 'acme', repo: 'gitops', headSha: 'head' };
const output = { title: 'Risk 60/100 · high · 3 new findings', summary: '## ingress-audit', text: 'details' };

describe('publishCheckRun', () => {
  it('creates the run already concluded with the first 50 annotations, then appends the rest 50 at a time', async () => {
    const result = await publishCheckRun(octokit(), {
      ...params,
      conclusion: 'failure',
      output,
      annotations: annotations(120),
    });

    expect(result).toMatchObject({ ok: true, annotationsPosted: 120, annotationsMissing: 0 });
    expect(server.count(CREATE)).toBe(1);
    expect(server.count(UPDATE)).toBe(2);
    const [run] = server.state.checkRuns;
    expect(run).toMatchObject({
      id: result.checkRunId,
      name: 'ingress-audit',
      status: 'completed',
      conclusion: 'failure',
    });
    expect(run.output).toMatchObject(output);
    expect(run.annotations).toHaveLength(120);
    expect(run.annotations.map((a) => (a as { message: string }).message)).toEqual(
      annotations(120).map((a) => a.message),
    );
  });

  it('completes a run started earlier with startCheckRun, without creating another', async () => {
    const started = await startCheckRun(octokit(), params);
    expect(started.ok).toBe(true);
    expect(server.state.checkRuns[0].status).toBe('in_progress');

    const result = await publishCheckRun(octokit(), {
      ...params,
      checkRunId: started.ok ? started.checkRunId : undefined,
      conclusion: 'success',
      output,
    });

    expect(result.ok).toBe(true);
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(server.count(UPDATE)).toBe(1);
  });

  it('cuts a summary and text over 65,535 characters, with a visible note, so GitHub accepts them', async () => {
    const result = await publishCheckRun(octokit(), {
      ...params,
      conclusion: 'neutral',
      output: { title: 't', summary: 'é'.repeat(70_000), text: '😀'.repeat(40_000) },
    });

    expect(result.ok).toBe(true);
    const { summary = '', text = '' } = server.state.checkRuns[0].output;
    expect(summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(summary).toContain('Truncated');
    expect(text.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(text).toContain('Truncated');
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half emoji left at the cut
  });

  it('returns the failure (not a throw) when the server keeps answering 500, after the retries', async () => {
    server.fault(CREATE, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });

    const result = await publishCheckRun(octokit(), { ...params, conclusion: 'success', output });

    expect(result).toMatchObject({ ok: false, status: 500, annotationsPosted: 0 });
    expect(result.error).toContain('creating the check run');
    expect(server.count(CREATE)).toBe(4); // first try + 3 retries
  });

  it('succeeds after a burst of 502s within the retry budget', async () => {
    server.fault(CREATE, { status: 502 }, { status: 502 });

    const result = await publishCheckRun(octokit(), { ...params, conclusion: 'success', output });

    expect(result.ok).toBe(true);
    expect(server.count(CREATE)).toBe(3);
    expect(server.state.checkRuns[0].conclusion).toBe('success');
  });

  it('reports annotations it could not append while keeping the conclusion', async () => {
    server.fault(UPDATE, { status: 422, body: { message: 'Validation Failed' } });

    const result = await publishCheckRun(octokit(), {
      ...params,
      conclusion: 'failure',
      output,
      annotations: annotations(120),
    });

    expect(result).toMatchObject({ ok: false, status: 422, annotationsPosted: 50, annotationsMissing: 70 });
    expect(result.error).toContain('annotations 51-100');
    expect(server.state.checkRuns[0].conclusion).toBe('failure');
  });
});
