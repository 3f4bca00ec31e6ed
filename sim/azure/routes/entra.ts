import { entraError } from '../errors';
import { ok, route, type Ctx, type Route } from '../http';

/** Entra ID v2 endpoints that MSAL (ClientSecretCredential) needs: OIDC metadata and client-credentials tokens. */
function requireTenant(ctx: Ctx): string {
  const t = ctx.params.tenant;
  if (t.toLowerCase() !== ctx.sim.state.tenantId.toLowerCase()) {
    throw entraError(400, 'invalid_tenant', 90002, `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  return t;
}

function openIdConfiguration(ctx: Ctx) {
  const t = requireTenant(ctx);
  const b = `${ctx.baseUrl}/${t}`;
  return ok({
    token_endpoint: `${b}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${ctx.baseUrl}/${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${b}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${b}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${b}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${b}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'oid', 'tid'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  });
}

function token(ctx: Ctx) {
  const tenant = requireTenant(ctx);
  const form = (ctx.body ?? {}) as Record<string, string>;
  if (form.grant_type !== 'client_credentials') {
    throw entraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`);
  }
  const sim = ctx.sim;
  const p = sim.state.principalsByClientId.get((form.client_id ?? '').toLowerCase());
  if (!p) {
    throw entraError(400, 'unauthorized_client', 700016,
      `Application with identifier '${form.client_id ?? ''}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
  }
  if (!form.client_secret || form.client_secret !== p.clientSecret) {
    throw entraError(401, 'invalid_client', 7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${p.clientId}'.`);
  }
  const scopes = (form.scope ?? '').split(' ').filter((s) => s.endsWith('/.default'));
  if (scopes.length !== 1) {
    throw entraError(400, 'invalid_scope', 1002012,
      `The provided value for scope ${form.scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const now = Math.floor(Date.now() / 1000);
  const life = sim.opts.tokenLifetimeSec;
  const access = sim.tokens.issue({
    aud: scopes[0].slice(0, -'/.default'.length), iss: `https://sts.windows.net/${sim.state.tenantId}/`, tid: sim.state.tenantId,
    oid: p.objectId, appid: p.clientId ?? '', iat: now, nbf: now, exp: now + life,
  });
  return ok({ token_type: 'Bearer', expires_in: life, ext_expires_in: life, access_token: access });
}

export const entraRoutes: Route[] = [
  route('GET', 'entra', 'entra.openidConfiguration', '/{tenant}/v2.0/.well-known/openid-configuration', openIdConfiguration),
  route('POST', 'entra', 'entra.token', '/{tenant}/oauth2/v2.0/token', token),
  route('GET', 'entra', 'entra.keys', '/{tenant}/discovery/v2.0/keys', (ctx) => {
    requireTenant(ctx);
    return ok({ keys: [] });
  }),
];
