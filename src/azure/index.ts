// The door to Azure: the only folder that imports @azure/*.
import type { Config } from '../config';
import type { AzureGateway } from '../operations/ports';
import { createCredential } from './credential';
import { SdkAzureGateway, type GatewayOptions } from './gateway';

export { AzureProblemError, isAzureProblemError, toProblem, problemFrom } from './problems';
export type { GatewayOptions } from './gateway';

export function createAzureGateway(config: Config, options: GatewayOptions = {}): AzureGateway {
  return new SdkAzureGateway(config, createCredential(config.azure), options);
}
