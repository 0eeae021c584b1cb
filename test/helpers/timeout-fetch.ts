/**
 * A fetch whose time-outs the test fires itself. Given to the app (AppDeps.fetch) or to a WebexClient, it lets a test
 * time a call out at a known moment, once the emulator holds the request (it has created the message, or taken the
 * fault), as the client's clock would after its time-out: a fixed time-out either raced the emulator on a loaded
 * machine (too short) or cost seconds a test (long enough). The client's own time-out still applies as a backstop.
 */
export interface TimeoutFetch {
  fetch: typeof fetch;
  /**
   * Times out the newest call in flight with this method whose path (after the API version) matches; false when
   * there is none.
   */
  fire(method: string, path: string | RegExp): boolean;
}

interface InFlight {
  method: string;
  path: string;
  controller: AbortController;
}

export function timeoutFetch(base: typeof fetch = fetch): TimeoutFetch {
  const inFlight: InFlight[] = [];
  return {
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const call: InFlight = {
        method: (init?.method ?? 'GET').toUpperCase(),
        path: url.pathname.replace(/^\/v1(?=\/)/, ''),
        controller: new AbortController(),
      };
      inFlight.push(call);
      const signal = init?.signal
        ? AbortSignal.any([init.signal, call.controller.signal])
        : call.controller.signal;
      try {
        return await base(input, { ...init, signal });
      } finally {
        inFlight.splice(inFlight.indexOf(call), 1);
      }
    },
    fire(method, path) {
      const call = inFlight.findLast(
        (c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)),
      );
      call?.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      return call !== undefined;
    },
  };
}
