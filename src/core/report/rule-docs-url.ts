/** Where a rule's page lives: `BASE/docs/rules/<id>.md`, generated from the rule's meta. */
export function ruleDocsUrl(docsBaseUrl: string, ruleId: string): string {
  const base = docsBaseUrl.endsWith('/') ? docsBaseUrl : `${docsBaseUrl}/`;
  return `${base}docs/rules/${encodeURIComponent(ruleId)}.md`;
}
