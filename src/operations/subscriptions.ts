import type { AzureGateway } from './ports';

export async function listSubscriptions(gw: AzureGateway): Promise<{ subscriptionId: string; displayName: string; state: string }[]> {
  const subs = await gw.listSubscriptions();
  return subs.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.subscriptionId.localeCompare(b.subscriptionId));
}
