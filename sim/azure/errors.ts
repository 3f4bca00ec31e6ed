/** A response-shaped error: handlers throw it, the server writes it verbatim. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body && 'error' in body ? JSON.stringify((body as { error: unknown }).error) : String(status));
  }
}

/** ARM's common error envelope. */
export const armError = (status: number, code: string, message: string, headers?: Record<string, string>): HttpError =>
  new HttpError(status, { error: { code, message } }, headers);

export const notFound = (type: string, name: string, rg?: string): HttpError =>
  armError(404, 'ResourceNotFound', rg
    ? `The Resource '${type}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`
    : `The Resource '${type}/${name}' was not found.`);

export const badRequest = (message: string, code = 'BadRequest'): HttpError => armError(400, code, message);

/** Log Analytics data-plane error shape (note the lower-case `innererror`). */
export const logsError = (status: number, code: string, message: string, inner?: { code: string; message: string; innererror?: unknown }): HttpError =>
  new HttpError(status, { error: { code, message, correlationId: crypto.randomUUID(), ...(inner ? { innererror: inner } : {}) } });

/** Entra ID token endpoint error shape. */
export function entraError(status: number, error: string, aadsts: number, description: string): HttpError {
  const now = new Date();
  const trace = crypto.randomUUID();
  const corr = crypto.randomUUID();
  return new HttpError(status, {
    error,
    error_description: `AADSTS${aadsts}: ${description} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${now.toISOString().replace('T', ' ').slice(0, 19)}Z`,
    error_codes: [aadsts],
    timestamp: now.toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: trace,
    correlation_id: corr,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  });
}
