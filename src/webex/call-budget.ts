/**
 * A hard limit on the Webex calls one question may make. Every HTTP attempt (first tries, retries, next pages, the
 * retry after a token refresh) spends one, so no input, forged or not, can make the bot page on without end.
 */
export class CallBudgetExceededError extends Error {
  constructor(
    readonly limit: number,
    /** How many calls the question was known to need, when that was clear before the first call. */
    readonly needed?: number,
  ) {
    super(`one question may make at most ${limit} Webex calls${needed ? ` (this one needs ${needed})` : ''}`);
    this.name = 'CallBudgetExceededError';
  }
}

export class CallBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Counts one call, or throws when the budget is spent. */
  spend(): void {
    if (this.used >= this.limit) throw new CallBudgetExceededError(this.limit);
    this.used++;
  }

  get spent(): number {
    return this.used;
  }
}

/** A call was cancelled because the bot is shutting down. */
export class CallCancelledError extends Error {
  constructor() {
    super('the Webex call was cancelled: the bot is shutting down');
    this.name = 'CallCancelledError';
  }
}
