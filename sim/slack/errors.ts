/** A control request that cannot happen in a real Slack client (unknown user, button not on the message…). */
export class SimRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
