import type { Octokit } from '@octokit/rest';

/**
 * The part of an Octokit we use. Structural on purpose: `new Octokit()`, `createOctokit()` and Probot 14's
 * `context.octokit` (which has no legacy top-level `octokit.pulls.*` methods) all satisfy it.
 */
export type GitHubClient = Pick<Octokit, 'rest' | 'paginate' | 'graphql' | 'request' | 'hook' | 'log'>;
