import { z } from 'zod';
import type { ChatAction, ChatEvent, ChatMessage, Reply } from '../bot/types.js';
import { CARD_SCHEMA, CARD_VERSION } from '../cards/format.js';
import { OUTSIDER_REFUSAL } from '../bot/outsider-refusal.js';
import { bold, escapeCardText, escapeMarkdown, quote } from '../core/markdown.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ActionHandler, CommandRegistry } from '../core/command-registry.js';
import type { SeenEvents } from '../core/seen-events.js';
import { understand } from './plain-words.js';

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

/** The "did you mean" button: runs the corrected phrase as if the person had typed it. */
export const RUN_PHRASE_ACTION = 'chat.run';
const MAX_PHRASE_CHARS = 300;
const runPhraseSchema = z.object({
  action: z.literal(RUN_PHRASE_ACTION),
  text: z.string().trim().min(1).max(MAX_PHRASE_CHARS),
});

const GENERIC_FAILURE =
  'Sorry, something went wrong on my side while answering that. Please try again in a moment.';

/**
 * Turns every chat event into exactly one answer: the command's, a user-facing error, or a pointer to help.
 * Resolves, once the answer is posted, to what was answered (a command's name, `action:<name>`, `unknown`…), a label
 * from a small fixed set for metrics.
 */
export function createChatRouter(deps: ChatRouterDeps) {
  /** Answers a message; resolves to its metrics label (`onCommand` learns it before the command runs). */
  async function route(
    event: ChatMessage,
    reply: Reply,
    log: Logger,
    onCommand: (label: string) => void,
  ): Promise<string> {
    const said = event.text.trim();
    if (!said) {
      await reply.say('Hi! Type `help` to see what I can do.');
      return 'empty';
    }
    const understood = understand(said, (w) => deps.registry.match(w) !== undefined);
    if (understood.kind === 'greeting') {
      const name = event.person.firstName || event.person.displayName?.split(' ')[0] || '';
      await reply.say(
        `Hi${name ? ` ${escapeMarkdown(name.slice(0, 40))}` : ''}! Ask me about your recordings, e.g. \`recordings last week\` — or type \`help\` for everything I can do.`,
      );
      return 'greeting';
    }
    if (understood.kind === 'thanks') {
      await reply.say("You're welcome! Ask me any time — `help` shows what I can do.");
      return 'thanks';
    }
    const text = understood.text;
    const found = deps.registry.match(text);
    if (!found) {
      const [word = '', ...rest] = text.split(/\s+/u);
      const guess = deps.registry.suggest(word);
      if (!guess) {
        await reply.say(`I don't know the command ${quote(word)}. Type \`help\` to see what I can do.`);
        return 'unknown';
      }
      const phrase = [guess, ...rest].join(' ').slice(0, MAX_PHRASE_CHARS);
      const question = `I don't know the command ${quote(word)}. Did you mean ${bold(phrase)}?`;
      await reply.sendCard(
        {
          type: 'AdaptiveCard',
          $schema: CARD_SCHEMA,
          version: CARD_VERSION,
          body: [
            {
              type: 'TextBlock',
              text: escapeCardText(
                `I don't know the command '${word.slice(0, 40)}'. Did you mean “${phrase}”?`,
              ),
              wrap: true,
            },
          ],
          actions: [
            {
              type: 'Action.Submit',
              title: `Run “${phrase.length > 60 ? `${phrase.slice(0, 59)}…` : phrase}”`,
              data: { action: RUN_PHRASE_ACTION, text: phrase },
            },
          ],
        },
        `${question} Type \`help\` to see what I can do.`,
      );
      return 'unknown';
    }
    onCommand(found.spec.name);
    log.info({ command: found.spec.name }, 'command');
    await found.spec.handler({ message: event, args: found.args, reply, now: deps.now, log });
    return found.spec.name;
  }

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
      if (event.kind === 'action' && event.inputs.action === RUN_PHRASE_ACTION) {
        // The button's data comes back from the client: it is only ever a phrase the person could have typed, and
        // it must name a command.
        const data = runPhraseSchema.safeParse(event.inputs);
        if (!data.success || !deps.registry.match(data.data.text)) {
          log.warn('did-you-mean data did not validate');
          await reply.say("I couldn't read that button's data. Please type what you meant, or `help`.");
          return 'action:unknown';
        }
        return await route(asMessage(event, data.data.text), reply, log, (l) => (label = l));
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
      return await route(event, reply, log, (l) => (label = l));
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

/** A did-you-mean press, answered like the message the person meant to type. */
function asMessage(action: ChatAction, text: string): ChatMessage {
  return {
    kind: 'message',
    messageId: action.messageId,
    roomId: action.roomId,
    roomType: action.roomType,
    personId: action.personId,
    personEmail: action.personEmail,
    person: action.person,
    text,
  };
}
