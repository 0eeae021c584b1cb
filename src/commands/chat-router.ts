import type { ChatEvent, Reply } from '../bot/types.js';
import { OUTSIDER_REFUSAL } from '../bot/outsider-refusal.js';
import { quote } from '../core/markdown.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ActionHandler, CommandRegistry } from './registry.js';
import type { SeenEvents } from '../core/seen-events.js';

export interface ChatRouterDeps {
  registry: CommandRegistry;
  /** Card button handlers by the `action` field of the submitted data. */
  actions?: Record<string, ActionHandler>;
  now: () => Date;
  logger: Logger;
  /** The seen-event ledger: a card button pressed twice (or by two people) is answered once. */
  seen?: Pick<SeenEvents, 'firstTime' | 'forget'>;
  /** ALLOWED_EMAIL_DOMAINS; everyone when absent. */
  isAllowedEmail?(email: string): boolean;
}

const GENERIC_FAILURE =
  'Sorry, something went wrong on my side while answering that. Please try again in a moment.';

/**
 * Turns every chat event into exactly one answer: the command's, a user-facing error, or a pointer to help.
 * Resolves, once the answer is posted, to what was answered (a command's name, `action:<name>`, `unknown`…), a label
 * from a small fixed set for metrics.
 */
export function createChatRouter(deps: ChatRouterDeps) {
  return async function onEvent(event: ChatEvent, reply: Reply): Promise<string> {
    const log = deps.logger.child(
      event.kind === 'message' ? { messageId: event.messageId } : { actionId: event.actionId },
    );
    let label = 'unknown';
    // Each press is a new event; the same button of the same card is one question.
    const pressKey =
      event.kind === 'action' ? `press:${event.messageId}:${stableJson(event.inputs)}` : undefined;
    if (pressKey && deps.seen && !(await deps.seen.firstTime(pressKey))) {
      log.info('card button pressed again; already answered');
      return 'action:repeat';
    }
    try {
      if (deps.isAllowedEmail && !deps.isAllowedEmail(event.personEmail)) {
        log.info('event from outside the allowed domains');
        await reply.say(OUTSIDER_REFUSAL);
        return 'outsider';
      }
      if (event.kind === 'action') {
        const name = typeof event.inputs.action === 'string' ? event.inputs.action : '';
        const handler = deps.actions?.[name];
        if (!handler) {
          log.warn({ action: name }, 'unknown card action');
          await reply.say("That button doesn't do anything any more. Type `help` to see what I can do.");
          return 'action:unknown';
        }
        label = `action:${name}`;
        await handler(event, reply, log);
        return label;
      }
      const text = event.text.trim();
      if (!text) {
        await reply.say('Hi! Type `help` to see what I can do.');
        return 'empty';
      }
      const found = deps.registry.match(text);
      if (!found) {
        const word = text.split(/\s+/)[0] ?? '';
        const guess = deps.registry.suggest(word);
        await reply.say(
          `I don't know the command ${quote(word)}.${guess ? ` Did you mean \`${guess}\`?` : ''} Type \`help\` to see what I can do.`,
        );
        return 'unknown';
      }
      label = found.spec.name;
      log.info({ command: label }, 'command');
      await found.spec.handler({ message: event, args: found.args, reply, now: deps.now, log });
      return label;
    } catch (err) {
      if (err instanceof UserError) {
        log.info({ code: err.code }, 'answered with a user error');
        await reply.say(err.userMessage);
        return label;
      }
      log.error({ err }, 'command failed');
      // Nothing useful was posted: pressing the button again should be answered.
      if (pressKey) await deps.seen?.forget(pressKey);
      await reply.say(GENERIC_FAILURE);
      return label;
    }
  };
}

/** JSON with object keys sorted, so the same card data always gives the same key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
