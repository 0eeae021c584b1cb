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

/** The part of the SDK's module the framework uses. */
export interface SdkStandIn<T> {
  init(): T;
}

/**
 * A stand-in whose `init()` returns the object given to `during()`, and only while `during`'s callback runs: the
 * framework builds its SDK instance synchronously inside its start(), so that is the one moment to hand it over.
 */
export function createSdkStandIn<T>(): SdkStandIn<T> & { during<R>(value: T, fn: () => R): R } {
  let current: T | undefined;
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
      } finally {
        current = undefined;
      }
    },
  };
}

type Load = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => unknown;

/**
 * Runs `load` (which requires the framework) with `require(request)` answered by `replacement`, but only for requests
 * made from files under `fromDir` and only while `load` runs: nothing else in the process is affected.
 */
export function loadWithReplacement<R>(
  request: string,
  fromDir: string,
  replacement: unknown,
  load: () => R,
): R {
  const loader = Module as unknown as { _load: Load };
  const originalLoad = loader._load;
  loader._load = function (this: unknown, req, parent, isMain) {
    if (req === request && parent?.filename?.startsWith(fromDir)) return replacement;
    return originalLoad.call(this, req, parent, isMain);
  };
  try {
    return load();
  } finally {
    loader._load = originalLoad;
  }
}
