/**
 * `schedule` / `workflow_dispatch` with `live-file`: the repository as checked out (GITHUB_WORKSPACE)
 * against a `kubectl get ingress,httproute,gateway -A -o yaml` export, reported in the job summary and
 * outputs. Nothing is written to GitHub; the exit code follows the conclusion (the cluster riskier than
 * the repository → 1), so a scheduled workflow fails and notifies.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { allRules } from '../../rules/index.ts';
import { audit } from '../core/audit.ts';
import { loadFiles } from '../core/manifests/load.ts';
import { parseConfig } from '../core/policy/config.ts';
import { readTree } from '../sources/filesystem.ts';
import { renderSources, traceRendered, withRendered } from '../sources/render.ts';
import { type ActionContext, actionLog } from './action-context.ts';
import { applyOverrides } from './config-overrides.ts';
import { driftOf, renderDrift, stripLiveExport } from './drift.ts';
import { reportOnRunner } from './github-session.ts';
import { InputError } from './inputs.ts';

export async function runDrift(ctx: ActionContext): Promise<number> {
  const log = actionLog(ctx.print);
  const { inputs } = ctx;
  if (!inputs.liveFile) {
    throw new InputError(
      `on ${ctx.event.name} the Action compares the repository with what runs: set input live-file to a ` +
        '`kubectl get ingress,httproute,gateway -A -o yaml` export',
    );
  }
  const root = resolve(ctx.env.GITHUB_WORKSPACE || process.cwd());
  const liveAbs = isAbsolute(inputs.liveFile) ? inputs.liveFile : join(root, inputs.liveFile);
  const liveRel = relative(root, liveAbs).split('\\').join('/');
  const livePath = liveRel.startsWith('..') || isAbsolute(liveRel) ? inputs.liveFile : liveRel;
  const liveText = await readFile(liveAbs, 'utf8').catch((error: Error) => {
    throw new InputError(`cannot read live-file ${inputs.liveFile}: ${error.message}`);
  });

  const configText = await readFile(join(root, inputs.config), 'utf8').catch(() => null);
  const parsed = parseConfig(applyOverrides(configText, inputs), inputs.config, {
    knownRuleIds: allRules.map((r) => r.meta.id),
  });
  const { config } = parsed;
  let repoFiles = (await readTree(root, config.include, config.exclude)).filter((f) => f.path !== livePath);
  const toolingErrors: string[] = [];
  let render = null;
  if (inputs.render && config.render.length > 0) {
    render = await renderSources({ root, entries: config.render });
    repoFiles = withRendered(repoFiles, render);
    toolingErrors.push(...render.toolingErrors);
  }
  const repoObjects = loadFiles(repoFiles).documents;
  let result = audit(
    {
      base: repoFiles,
      head: [{ path: livePath, content: stripLiveExport(liveText, repoObjects) }],
      baseRef: 'repository',
      headRef: 'cluster',
    },
    { config, configProblems: parsed.problems, configFile: inputs.config, now: ctx.now, toolingErrors },
  );
  if (render) result = traceRendered(result, { base: render.traces, head: new Map() });
  const drift = driftOf(result);
  ctx.files.setOutput('drift', drift.count);
  log.info(`ingress-audit drift: ${drift.count} object(s) differ between the repository and ${livePath}`);
  const definedInRepo = result.objects.filter((o) => o.change !== 'added').length;
  return reportOnRunner(ctx, log, result, config, null, `${renderDrift(drift, livePath, definedInRepo)}\n`);
}
