/**
 * A hard limit on the Webex calls one question may make. Every HTTP attempt (first tries, retries, next pages, the
 * retry after a token refresh) spends one, so no input, forged or not, can make the bot page on without end.
 */
export class CallBudgetExceededError extends Error {
    limit;
    needed;
    constructor(limit, 
    /** How many calls the question was known to need, when that was clear before the first call. */
    needed) {
        super(`one question may make at most ${limit} Webex calls${needed ? ` (this one needs ${needed})` : ''}`);
        this.limit = limit;
        this.needed = needed;
        this.name = 'CallBudgetExceededError';
    }
}
export class CallBudget {
    limit;
    used = 0;
    constructor(limit) {
        this.limit = limit;
    }
    /** Counts one call, or throws when the budget is spent. */
    spend() {
        if (this.used >= this.limit)
            throw new CallBudgetExceededError(this.limit);
        this.used++;
    }
    get spent() {
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
//# sourceMappingURL=call-budget.js.map