import { z } from 'zod';
import type { ChatAction, ChatMessage, Reply } from '../bot/types.js';
import { CARD_SCHEMA, CARD_VERSION } from '../cards/format.js';
import { bold, escapeCardText, escapeMarkdown, quote } from '../core/markdown.js';
import type { Router } from '../core/middleware.js';
import type { Logger } from '../logger.js';
import type { ActionHandler, CommandRegistry } from '../core/command-registry.js';
import { understand } from './plain-words.js';

export interface ChatRouterDeps {
  registry: CommandRegistry;
  /** Card button handlers by the `action` field of the submitted data. */
  actions?: Record<string, ActionHandler>;
  now: () => Date;
}

/** The "did you mean" button: runs the corrected phrase as if the person had typed it. */
export const RUN_PHRASE_ACTION = 'chat.run';
const MAX_PHRASE_CHARS = 300;
const runPhraseSchema = z.object({
  action: z.literal(RUN_PHRASE_ACTION),
  text: z.string().trim().min(1).max(MAX_PHRASE_CHARS),
});

/**
 * Turns every chat event into exactly one answer: the command's, the card action's, or a pointer to help. Resolves,
 * once the answer is posted, to what answered (a command's name, `action:<name>`, `unknown`…), a label from a small
 * fixed set for metrics. The checks around it (dedupe, allow-list, the error net) are src/core/middleware.ts's.
 */
export function createChatRouter(deps: ChatRouterDeps): Router {
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
      await reply.sendCard(didYouMeanCard(word, phrase), `${question} Type \`help\` to see what I can do.`);
      return 'unknown';
    }
    onCommand(found.spec.name);
    log.info({ command: found.spec.name }, 'command');
    await found.spec.handler({ message: event, args: found.args, reply, now: deps.now, log });
    return found.spec.name;
  }

  return async function onEvent(event, reply, log, onLabel): Promise<string> {
    if (event.kind === 'message') return route(event, reply, log, onLabel);
    if (event.inputs.action === RUN_PHRASE_ACTION) {
      // The button's data comes back from the client: it is only ever a phrase the person could have typed, and
      // it must name a command.
      const data = runPhraseSchema.safeParse(event.inputs);
      if (!data.success || !deps.registry.match(data.data.text)) {
        log.warn('did-you-mean data did not validate');
        await reply.say("I couldn't read that button's data. Please type what you meant, or `help`.");
        return 'action:unknown';
      }
      return route(asMessage(event, data.data.text), reply, log, onLabel);
    }
    const name = typeof event.inputs.action === 'string' ? event.inputs.action : '';
    const handler = deps.actions?.[name];
    if (!handler) {
      log.warn({ action: name }, 'unknown card action');
      await reply.say("That button doesn't do anything any more. Type `help` to see what I can do.");
      return 'action:unknown';
    }
    onLabel(`action:${name}`);
    await handler(event, reply, log);
    return `action:${name}`;
  };
}

/** The "did you mean" card: one button that runs the corrected phrase. */
function didYouMeanCard(word: string, phrase: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body: [
      {
        type: 'TextBlock',
        text: escapeCardText(`I don't know the command '${word.slice(0, 40)}'. Did you mean “${phrase}”?`),
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
  };
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
