import { createHash } from 'node:crypto';
import { armError, badRequest } from '../errors';
import { ok, noContent, route, type Ctx, type Route } from '../http';
import { SOLUTION_ID, SOLUTION_LATEST, type Workspace } from '../state';
import { sentinelWorkspace, systemData } from './common';
import { V_CONTENT, WS_BASE } from './versions';

/** Content Hub: the Defender for Cloud solution (installed or not) plus one always-installed neighbour for realism. */
interface Solution {
  contentId: string;
  displayName: string;
  version: string;
  description: string;
}

const DEFENDER: Omit<Solution, 'version'> = {
  contentId: SOLUTION_ID,
  displayName: 'Microsoft Defender for Cloud',
  description: 'Microsoft Defender for Cloud solution: subscription-based (legacy) and tenant-based data connectors for Defender for Cloud alerts.',
};
const ENTRA: Solution = { contentId: 'azuresentinel.azure-sentinel-solution-azureactivedirectory', displayName: 'Microsoft Entra ID', version: '3.0.9', description: 'Microsoft Entra ID solution.' };

/** Mirrors the mainTemplate's contentProductId: take(id, 50) + '-sl-' + a version-dependent unique string. */
const productId = (s: Solution): string =>
  `${s.contentId.slice(0, 50)}-sl-${createHash('sha256').update(`${s.contentId}-Solution-${s.contentId}-${s.version}`).digest('hex').slice(0, 13)}`;

function packageJson(wsId: string, kind: 'contentPackages' | 'contentProductPackages', s: Solution, installedVersion?: string) {
  const props: Record<string, unknown> = {
    contentId: s.contentId, contentProductId: productId(s), contentKind: 'Solution', contentSchemaVersion: '3.0.0', version: s.version, displayName: s.displayName,
    description: s.description, publisherDisplayName: 'Microsoft Sentinel, Microsoft Corporation',
    source: { kind: 'Solution', name: s.displayName, sourceId: s.contentId },
    author: { name: 'Microsoft', email: 'support@microsoft.com' }, support: { tier: 'Microsoft', name: 'Microsoft Corporation', link: 'https://support.microsoft.com/' },
    firstPublishDate: '2022-05-17', lastPublishDate: '2024-03-21', categories: { domains: ['Security - Threat Protection'] },
  };
  if (kind === 'contentProductPackages' && installedVersion) props.installedVersion = installedVersion;
  return { id: `${wsId}/providers/Microsoft.SecurityInsights/${kind}/${s.contentId}`, name: s.contentId, type: `Microsoft.SecurityInsights/${kind}`, etag: `"${s.version}"`, properties: props, systemData: systemData(Date.parse('2024-03-21T00:00:00Z')) };
}

function installed(ws: Workspace): Solution[] {
  return ws.solution.installed ? [ENTRA, { ...DEFENDER, version: ws.solution.version }] : [ENTRA];
}

function find(list: Solution[], id: string): Solution {
  const s = list.find((x) => x.contentId.toLowerCase() === id.toLowerCase());
  if (!s) throw armError(404, 'NotFound', `Content package '${id}' was not found.`);
  return s;
}

function catalog(ws: Workspace): Array<{ s: Solution; installedVersion?: string }> {
  return [{ s: ENTRA, installedVersion: ENTRA.version }, { s: { ...DEFENDER, version: SOLUTION_LATEST }, installedVersion: ws.solution.installed ? ws.solution.version : undefined }];
}

const read = (ctx: Ctx) => sentinelWorkspace(ctx, 'Microsoft.SecurityInsights/contentPackages/read');

export const contentRoutes: Route[] = [
  route('GET', 'arm', 'contentPackages.list', `${WS_BASE}/contentPackages`, (ctx) => {
    const { ws, wsId } = read(ctx);
    return ok({ value: installed(ws).map((s) => packageJson(wsId, 'contentPackages', s)) });
  }, V_CONTENT),
  route('GET', 'arm', 'contentPackages.get', `${WS_BASE}/contentPackages/{id}`, (ctx) => {
    const { ws, wsId } = read(ctx);
    return ok(packageJson(wsId, 'contentPackages', find(installed(ws), ctx.params.id)));
  }, V_CONTENT),
  route('PUT', 'arm', 'contentPackages.install', `${WS_BASE}/contentPackages/{id}`, (ctx) => {
    const { ws, wsId } = sentinelWorkspace(ctx, 'Microsoft.SecurityInsights/contentPackages/write');
    if (ctx.params.id.toLowerCase() !== SOLUTION_ID) throw badRequest(`The simulator only models the '${SOLUTION_ID}' solution.`);
    const version = ctx.body?.properties?.version;
    if (typeof version !== 'string') throw badRequest("The 'properties.version' field is required.");
    const created = !ws.solution.installed;
    ws.solution = { installed: true, version, installedAt: Date.now() };
    ctx.log.created = created;
    return ok(packageJson(wsId, 'contentPackages', { ...DEFENDER, version }), created ? 201 : 200);
  }, V_CONTENT),
  route('DELETE', 'arm', 'contentPackages.uninstall', `${WS_BASE}/contentPackages/{id}`, (ctx) => {
    const { ws } = sentinelWorkspace(ctx, 'Microsoft.SecurityInsights/contentPackages/delete');
    if (ctx.params.id.toLowerCase() !== SOLUTION_ID || !ws.solution.installed) return noContent();
    ws.solution = { ...ws.solution, installed: false };
    return ok(undefined);
  }, V_CONTENT),
  route('GET', 'arm', 'contentProductPackages.list', `${WS_BASE}/contentProductPackages`, (ctx) => {
    const { ws, wsId } = read(ctx);
    return ok({ value: catalog(ws).map(({ s, installedVersion }) => packageJson(wsId, 'contentProductPackages', s, installedVersion)) });
  }, V_CONTENT),
  route('GET', 'arm', 'contentProductPackages.get', `${WS_BASE}/contentProductPackages/{id}`, (ctx) => {
    const { ws, wsId } = read(ctx);
    const hit = catalog(ws).find(({ s }) => s.contentId.toLowerCase() === ctx.params.id.toLowerCase());
    if (!hit) throw armError(404, 'NotFound', `Content product package '${ctx.params.id}' was not found.`);
    return ok(packageJson(wsId, 'contentProductPackages', hit.s, hit.installedVersion));
  }, V_CONTENT),
];
