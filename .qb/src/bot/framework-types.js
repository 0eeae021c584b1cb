/**
 * The framework's default storage keeps an object per space forever; the bot keeps no state in the framework, so
 * this one keeps nothing.
 */
export const NO_STORAGE = {
    getName: () => 'none',
    initialize: async () => true,
    initStorage: async (_id, initial) => initial,
    store: async (_id, _key, value) => value,
    recall: async () => undefined,
    forget: async () => undefined,
};
//# sourceMappingURL=framework-types.js.map