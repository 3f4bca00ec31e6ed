// One credential for every client. A client secret means a service principal; otherwise the ambient chain
// (managed identity, workload identity, Azure CLI…) via DefaultAzureCredential.
import { ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import type { Config } from '../config';

/** Authorities MSAL knows; any other host (sovereign private clouds, Azure Stack) must skip instance discovery. */
const WELL_KNOWN_AUTHORITIES = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn', 'login.microsoftonline.de'];

export function isWellKnownAuthority(authorityHost: string): boolean {
  return WELL_KNOWN_AUTHORITIES.includes(new URL(authorityHost).hostname.toLowerCase());
}

export function createCredential(azure: Config['azure']): TokenCredential {
  const authority = { authorityHost: azure.authorityHost, disableInstanceDiscovery: !isWellKnownAuthority(azure.authorityHost) };
  if (azure.clientSecret && azure.clientId) {
    return new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret, authority);
  }
  return new DefaultAzureCredential({ ...authority, tenantId: azure.tenantId, managedIdentityClientId: azure.clientId });
}
