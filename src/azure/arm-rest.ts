// Calls the SDKs lack, or send with an api-version that drops fields we need (pricings `deprecated`, alert
// `inProgress`, subscription-scope permissions, Content Hub, workspace). Same credential, scope and retry policy
// as the SDK clients, through the @azure-rest/core-client pipeline — no hand-rolled HTTP.
import { getClient, type Client } from '@azure-rest/core-client';
import type { TokenCredential } from '@azure/core-auth';
import { AzureProblemError, problemFrom, type ErrorFacts, type ProblemContext } from './problems';

export interface ArmRestOptions {
  endpoint: string;
  scope: string;
  maxRetries?: number;
}

interface ErrorBody {
  error?: { code?: string; message?: string; innererror?: unknown };
  code?: string;
  message?: string;
}

interface Paged<T> {
  value?: T[];
  nextLink?: string;
}

export class ArmRest {
  private readonly client: Client;

  constructor(credential: TokenCredential, options: ArmRestOptions) {
    this.client = getClient(options.endpoint, credential, {
      credentials: { scopes: [options.scope] },
      ...(options.maxRetries !== undefined ? { retryOptions: { maxRetries: options.maxRetries } } : {}),
    });
  }

  async get<T>(path: string, apiVersion: string, ctx: ProblemContext): Promise<T> {
    return this.send<T>('GET', path, apiVersion, ctx);
  }

  async post<T>(path: string, apiVersion: string, ctx: ProblemContext, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, apiVersion, ctx, body);
  }

  /** Follows nextLink until the last page. */
  async list<T>(path: string, apiVersion: string, ctx: ProblemContext): Promise<T[]> {
    const items: T[] = [];
    let page = await this.get<Paged<T>>(path, apiVersion, ctx);
    items.push(...(page.value ?? []));
    while (page.nextLink) {
      page = await this.send<Paged<T>>('GET', page.nextLink, undefined, ctx);
      items.push(...(page.value ?? []));
    }
    return items;
  }

  private async send<T>(method: 'GET' | 'POST', path: string, apiVersion: string | undefined, ctx: ProblemContext, body?: unknown): Promise<T> {
    const resource = this.client.pathUnchecked(path);
    const options = { ...(apiVersion ? { queryParameters: { 'api-version': apiVersion } } : {}), ...(body !== undefined ? { body } : {}) };
    let response;
    try {
      response = await (method === 'GET' ? resource.get(options) : resource.post(options));
    } catch (error) {
      // Transport failures (socket, timeout) after the pipeline's own retries.
      const e = error as { code?: string; name?: string; message?: string };
      throw new AzureProblemError(problemFrom({ errno: e.code, name: e.name, message: e.message }, ctx));
    }
    const status = Number(response.status);
    if (status >= 200 && status < 300) return (response.body ?? {}) as T;
    const errorBody = (response.body ?? {}) as ErrorBody;
    const facts: ErrorFacts = {
      status,
      code: errorBody.error?.code ?? errorBody.code,
      message: errorBody.error?.message ?? errorBody.message,
      retryAfter: response.headers['retry-after'],
      retryAfterMs: response.headers['retry-after-ms'] ?? response.headers['x-ms-retry-after-ms'],
    };
    throw new AzureProblemError(problemFrom(facts, ctx));
  }
}
