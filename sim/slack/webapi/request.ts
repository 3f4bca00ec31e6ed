/**
 * Reading a Web API request the way Slack does: form-encoded or JSON body (plus query string), token from
 * `Authorization: Bearer` or the `token` field (JSON bodies must use the header).
 */
import type { IncomingMessage } from 'node:http';

export type Args = Record<string, unknown>;

/** A Slack platform error: `{ok:false, error, ...extra}` with HTTP 200. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }

  /** `invalid_blocks` / `invalid_arguments` style error carrying Slack's `[ERROR] …` lines. */
  static withMessages(code: string, problems: string[]): ApiError {
    return new ApiError(code, { errors: problems, response_metadata: { messages: problems.map((m) => `[ERROR] ${m}`) } });
  }
}

export interface ParsedRequest {
  args: Args;
  token?: string;
  /** Slack warns when a JSON body is sent without a charset. */
  warnings: string[];
}

export function parseApiRequest(req: IncomingMessage, rawBody: string): ParsedRequest {
  const url = new URL(req.url ?? '/', 'http://sim');
  const args: Args = Object.fromEntries(url.searchParams);
  const contentType = String(req.headers['content-type'] ?? '');
  const warnings: string[] = [];
  let bodyToken: string | undefined;
  if (contentType.startsWith('application/json')) {
    if (!/charset=/i.test(contentType)) warnings.push('missing_charset');
    let parsed: unknown;
    try {
      parsed = rawBody ? JSON.parse(rawBody) : {};
    } catch {
      throw new ApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError('invalid_json');
    // Slack ignores a token inside a JSON body; it must come in the Authorization header.
    const { token: _ignored, ...rest } = parsed as Args;
    Object.assign(args, rest);
  } else if (rawBody) {
    const form = Object.fromEntries(new URLSearchParams(rawBody));
    bodyToken = form.token;
    delete form.token;
    Object.assign(args, form);
  }
  const queryToken = typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  const auth = String(req.headers.authorization ?? '');
  const bearer = auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : undefined;
  return { args, token: bearer || bodyToken || queryToken, warnings };
}

export function str(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : String(v);
}

export function bool(args: Args, name: string): boolean {
  const v = args[name];
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function int(args: Args, name: string, fallback: number): number {
  const n = Number(args[name]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** A field that form bodies carry as a JSON string and JSON bodies carry as a value. */
export function json(args: Args, name: string, errorCode: string): unknown {
  const v = args[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new ApiError(errorCode);
  }
}

export function requireStr(args: Args, name: string): string {
  const v = str(args, name);
  if (v === undefined) throw ApiError.withMessages('invalid_arguments', [`missing required field: ${name}`]);
  return v;
}
