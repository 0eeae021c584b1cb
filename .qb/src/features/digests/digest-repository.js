export class LeaseLostError extends Error {
    constructor(subscriptionId) {
        super(`the lease on subscription ${subscriptionId} was lost (expired and taken over, or released)`);
        this.name = 'LeaseLostError';
    }
}
//# sourceMappingURL=digest-repository.js.map