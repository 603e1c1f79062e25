/** Who counts as having approved, at the GitHub boundary (nock, no network). */
import { Octokit } from '@octokit/rest';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findApprovingTeams } from '../../src/github/find-approving-teams.ts';
import { readApprovers } from '../../src/github/read-approvers.ts';

const API = 'https://api.github.com';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = () => new Octokit({ auth: 't', log: quiet });
const REVIEWS = '/repos/acme/gitops/pulls/1/reviews';
const review = (login: string, state: string) => ({ id: Math.random(), user: { login }, state });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('readApprovers', () => {
  it("keeps each reviewer's latest approval, change request or dismissal; comments change nothing", async () => {
    nock(API)
      .get(REVIEWS)
      .query({ per_page: 100 })
      .reply(200, [
        review('Alice', 'APPROVED'),
        review('alice', 'COMMENTED'),
        review('bob', 'APPROVED'),
        review('bob', 'CHANGES_REQUESTED'),
        review('carol', 'CHANGES_REQUESTED'),
        review('carol', 'APPROVED'),
        review('dave', 'APPROVED'),
        review('dave', 'DISMISSED'),
        review('erin', 'COMMENTED'),
      ]);
    const approvers = await readApprovers(octokit(), { owner: 'acme', repo: 'gitops', pull_number: 1 });
    expect(approvers.sort()).toEqual(['alice', 'carol']);
  });

  it('follows every page of reviews', async () => {
    nock(API)
      .get(REVIEWS)
      .query({ per_page: 100 })
      .reply(200, [review('alice', 'APPROVED')], {
        link: `<${API}${REVIEWS}?per_page=100&page=2>; rel="next"`,
      })
      .get(REVIEWS)
      .query({ per_page: 100, page: 2 })
      .reply(200, [review('alice', 'CHANGES_REQUESTED'), review('bob', 'APPROVED')]);
    expect(await readApprovers(octokit(), { owner: 'acme', repo: 'gitops', pull_number: 1 })).toEqual([
      'bob',
    ]);
  });
});

describe('findApprovingTeams', () => {
  const membership = (team: string, user: string) => `/orgs/acme/teams/${team}/memberships/${user}`;

  it('stops at the first approver who is an active member; 404 and pending are not members', async () => {
    nock(API)
      .get(membership('shop', 'mallory'))
      .reply(404, { message: 'Not Found' })
      .get(membership('shop', 'carol'))
      .reply(200, { state: 'active', role: 'member' })
      .get(membership('web', 'mallory'))
      .reply(404, { message: 'Not Found' })
      .get(membership('web', 'carol'))
      .reply(200, { state: 'pending', role: 'member' })
      .get(membership('web', 'zed'))
      .reply(404, { message: 'Not Found' });
    const found = await findApprovingTeams(octokit(), {
      teams: ['@acme/shop', '@Acme/Shop', '@acme/web'],
      approvers: ['mallory', 'carol', 'zed'],
    });
    expect([...found.teams]).toEqual(['@acme/shop']);
    expect(found.problems).toEqual([]);
  });

  it('a refused look-up is a problem, not a "no"', async () => {
    nock(API)
      .get(membership('shop', 'carol'))
      .reply(403, { message: 'Resource not accessible by integration' });
    const found = await findApprovingTeams(octokit(), { teams: ['@acme/shop'], approvers: ['carol'] });
    expect(found.teams.size).toBe(0);
    expect(found.problems[0]).toMatch(/membership of carol in @acme\/shop: 403 Resource not accessible/);
  });
});
