// The solution's sample queries, run by name.
import { isoDuration, isTimespan } from '../domain/kql';
import { buildSampleQuery } from '../domain/queries';
import type { QueryTable } from '../domain/types';
import type { AzureGateway } from './ports';

export { QUERY_CATALOGUE } from '../domain/queries';

export async function runQuery(gw: AzureGateway, name: string, opts: { filter?: string; since?: string } = {}): Promise<QueryTable> {
  const kql = buildSampleQuery(name, opts);
  const { table } = await gw.queryLogs(kql, opts.since && isTimespan(opts.since) ? isoDuration(opts.since) : undefined);
  return table;
}
