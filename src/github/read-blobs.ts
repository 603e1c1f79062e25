import type { GitHubClient } from './github-client.ts';

/** One blob to read: by `expression` (`SHA:path`) or by blob `oid` (from a tree). */
export type BlobRef = { key: string; expression: string } | { key: string; oid: string };

/** Text when GraphQL gave all of it; bytes when read through the REST blob API (binary, over GraphQL's cap). */
export type BlobContent = string | Uint8Array;

/**
 * Objects per GraphQL query. 200 keeps reading both sides of N files to ceil(N/100) queries, so with
 * the files list (100 a page) a PR costs 4 + ceil(N/50) requests at most; a batch GitHub cannot serve
 * (a timeout on very large blobs) is split in halves down to `SMALLEST_SPLIT` before giving up.
 */
export const BLOBS_PER_QUERY = 200;
const SMALLEST_SPLIT = 25;

interface GraphqlBlob {
  oid?: string;
  text?: string | null;
  isBinary?: boolean | null;
  isTruncated?: boolean;
}
type BlobsResponse = { repository: Record<string, GraphqlBlob | null> | null };

function isPartialResponse(error: unknown): error is { data: BlobsResponse } {
  if (typeof error !== 'object' || error === null || !('data' in error)) return false;
  const data = (error as { data: unknown }).data;
  return typeof data === 'object' && data !== null && 'repository' in data && data.repository !== null;
}

/** A timeout or 5xx (after the transport's own retries): the answer may have been too big to serve. */
function isServerSide(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return typeof status === 'number' && status >= 500;
}

/**
 * Reads many blobs with one GraphQL query per `BLOBS_PER_QUERY` objects (aliases of `object(...)`),
 * falling back to `git.getBlob` only for blobs GraphQL cannot give as full text. A ref that does not
 * resolve to a blob is absent from the result. Expressions travel as variables, never spliced into the query.
 */
export async function readBlobs(
  octokit: GitHubClient,
  params: { owner: string; repo: string; refs: readonly BlobRef[] },
): Promise<Map<string, BlobContent>> {
  const contents = new Map<string, BlobContent>();
  const viaRest: { key: string; oid: string }[] = [];
  const readBatch = async (batch: readonly BlobRef[]): Promise<void> => {
    const variables: Record<string, string> = { owner: params.owner, name: params.repo };
    const declarations = ['$owner: String!', '$name: String!'];
    const fields = batch.map((ref, i) => {
      if ('oid' in ref) {
        variables[`v${i}`] = ref.oid;
        declarations.push(`$v${i}: GitObjectID!`);
        return `f${i}: object(oid: $v${i}) { ...blob }`;
      }
      variables[`v${i}`] = ref.expression;
      declarations.push(`$v${i}: String!`);
      return `f${i}: object(expression: $v${i}) { ...blob }`;
    });
    const query = `query (${declarations.join(', ')}) {
  repository(owner: $owner, name: $name) {
    ${fields.join('\n    ')}
  }
}
fragment blob on Blob { oid text isBinary isTruncated }`;
    let data: BlobsResponse;
    try {
      data = await octokit.graphql<BlobsResponse>(query, variables);
    } catch (error) {
      // A field-level error (one object GitHub could not resolve) still comes with the other blobs.
      if (isPartialResponse(error)) data = error.data;
      else if (batch.length > SMALLEST_SPLIT && isServerSide(error)) {
        const half = Math.ceil(batch.length / 2);
        await readBatch(batch.slice(0, half));
        await readBatch(batch.slice(half));
        return;
      } else throw error;
    }
    batch.forEach((ref, i) => {
      const blob = data.repository?.[`f${i}`];
      if (!blob?.oid) return; // missing path, or a tree / submodule at that path
      if (typeof blob.text === 'string' && !blob.isTruncated && blob.isBinary === false) {
        contents.set(ref.key, blob.text);
      } else {
        viaRest.push({ key: ref.key, oid: blob.oid });
      }
    });
  };
  for (let start = 0; start < params.refs.length; start += BLOBS_PER_QUERY) {
    await readBatch(params.refs.slice(start, start + BLOBS_PER_QUERY));
  }
  for (const { key, oid } of viaRest) {
    const { data } = await octokit.rest.git.getBlob({
      owner: params.owner,
      repo: params.repo,
      file_sha: oid,
    });
    contents.set(key, new Uint8Array(Buffer.from(data.content, 'base64')));
  }
  return contents;
}
