import { errorMessage } from '../errors.js';
import { EXIT_CONFIG, StartupError } from '../core/startup-error.js';
import type { Logger } from '../logger.js';
import { WebexApiError } from '../webex/webex-client.js';

export interface StartRetryOptions {
  logger: Logger;
  /** Pause before the next attempt (default: doubling from 1 s, at most a minute); tests make it short. */
  delayMs?: (attempt: number) => number;
  /** True once the bot is stopping: no further attempt. */
  stopping(): boolean;
  /** Why the last attempt failed, while retrying; undefined once started. */
  onStatus(error: string | undefined): void;
}

const defaultDelay = (n: number) => Math.min(60_000, 1000 * 2 ** n);

/**
 * Retries `attempt` while Webex is unreachable or failing, until it worked or the bot is stopping. A rejected bot
 * token (401) is not retried: it rejects with a StartupError that tells the operator what to do.
 */
export async function startWithRetry(
  attempt: () => Promise<void>,
  opts: StartRetryOptions,
): Promise<boolean> {
  const delay = opts.delayMs ?? defaultDelay;
  for (let n = 0; !opts.stopping(); n++) {
    try {
      await attempt();
      opts.onStatus(undefined);
      return true;
    } catch (err) {
      if (err instanceof WebexApiError && err.status === 401) {
        throw new StartupError(
          'WEBEX_BOT_TOKEN',
          `Webex rejected WEBEX_BOT_TOKEN (401 on ${err.method} ${err.path}): copy the bot's current access token from https://developer.webex.com/my-apps (regenerating it invalidates the old one)`,
          EXIT_CONFIG,
          { cause: err },
        );
      }
      opts.onStatus(errorMessage(err));
      opts.logger.error(
        { err: errorMessage(err), attempt: n + 1 },
        'could not start the bot yet; will retry',
      );
      await new Promise((r) => setTimeout(r, delay(n)));
    }
  }
  return false;
}
