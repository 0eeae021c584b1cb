/**
 * Webex time-outs the test fires itself. Given to a WebexClient (`timeoutSignal`) or to the app
 * (AppDeps.webexTimeoutSignal), it lets a test time a call out at a known moment, once the emulator holds the request
 * (it has created the message, or taken the fault), as the client's clock would after its time-out: a fixed time-out
 * either raced the emulator on a loaded machine (too short) or cost seconds a test (long enough). The client's own
 * clock stays as a backstop.
 */
export interface FiredTimeouts {
  timeoutSignal: (timeoutMs: number, call: { method: string; path: string }) => AbortSignal;
  /** Times out the newest call made with this method to a matching path; false when there is none yet. */
  fire(method: string, path: string | RegExp): boolean;
}

export function firedTimeouts(): FiredTimeouts {
  const calls: Array<{ method: string; path: string; controller: AbortController }> = [];
  return {
    timeoutSignal(timeoutMs, { method, path }) {
      const controller = new AbortController();
      calls.push({ method, path, controller });
      return AbortSignal.any([controller.signal, AbortSignal.timeout(timeoutMs)]);
    },
    fire(method, path) {
      const call = calls.findLast(
        (c) =>
          c.method === method &&
          !c.controller.signal.aborted &&
          (typeof path === 'string' ? c.path === path : path.test(c.path)),
      );
      call?.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      return call !== undefined;
    },
  };
}
