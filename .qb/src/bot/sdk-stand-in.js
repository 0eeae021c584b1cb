/*
 * What webex-node-bot-framework gets instead of the Webex JS SDK. The framework does `require('webex')` once, at the
 * top of its lib/framework.js, and in webhook mode only ever calls `Webex.init()` on it, to get the object it sends
 * every Webex request through: the stand-in hands out our transport (sdk-transport.ts) instead.
 *
 * Never loading the SDK matters beyond its transport: its bundled core-js 2 replaces String.prototype.trim, parseInt
 * and parseFloat for the whole process with much slower versions, and it is most of the start-up time
 * (test/e2e/no-webex-sdk.test.ts proves it stays out).
 */
import Module from 'node:module';
/**
 * A stand-in whose `init()` returns the object given to `during()`, and only while `during`'s callback runs: the
 * framework builds its SDK instance synchronously inside its start(), so that is the one moment to hand it over.
 */
export function createSdkStandIn() {
    let current;
    return {
        init() {
            if (current === undefined)
                throw new Error('the Webex SDK stand-in was used outside of the framework start');
            return current;
        },
        during(value, fn) {
            current = value;
            try {
                return fn();
            }
            finally {
                current = undefined;
            }
        },
    };
}
/**
 * Runs `load` (which requires the framework) with `require(request)` answered by `replacement`, but only for requests
 * made from files under `fromDir` and only while `load` runs: nothing else in the process is affected.
 */
export function loadWithReplacement(request, fromDir, replacement, load) {
    const loader = Module;
    const originalLoad = loader._load;
    loader._load = function (req, parent, isMain) {
        if (req === request && parent?.filename?.startsWith(fromDir))
            return replacement;
        return originalLoad.call(this, req, parent, isMain);
    };
    try {
        return load();
    }
    finally {
        loader._load = originalLoad;
    }
}
//# sourceMappingURL=sdk-stand-in.js.map