/** A query the simulator rejects, in Log Analytics' own classification. */
export class KqlError extends Error {
  constructor(
    readonly kind: 'SyntaxError' | 'SemanticError',
    readonly code: string,
    message: string,
    readonly where?: { line: number; pos: number; token: string },
  ) {
    super(message);
  }
}

export const syntaxError = (message: string, where?: { line: number; pos: number; token: string }): KqlError => new KqlError('SyntaxError', 'SYN0002', message, where);
export const semanticError = (message: string, code = 'SEM0100'): KqlError => new KqlError('SemanticError', code, message);
