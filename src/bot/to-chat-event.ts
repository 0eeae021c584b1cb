import type { WebexPerson } from '../webex/types.js';
import type { FrameworkBot, FrameworkTrigger } from './framework-types.js';
import { stripBotMention } from './strip-mention.js';
import type { ChatEvent } from './types.js';

/**
 * What the framework emitted (its event name, the space, the trigger) as our own ChatEvent: what commands see, independent of the framework.
 * undefined when the trigger carries neither a message nor a card press.
 */
export function toChatEvent(
  emitted: 'message' | 'attachmentAction',
  bot: FrameworkBot,
  trigger: FrameworkTrigger,
  botPerson: Pick<WebexPerson, 'id' | 'displayName' | 'firstName' | 'nickName'>,
): ChatEvent | undefined {
  const roomType = bot.isDirect ? 'direct' : 'group';
  const person = trigger.person;
  const { message, attachmentAction: action } = trigger;
  if (emitted === 'message' && message) {
    return {
      kind: 'message',
      messageId: message.id,
      roomId: message.roomId,
      roomType,
      personId: person.id,
      personEmail: person.emails?.[0] ?? message.personEmail ?? '',
      person,
      text: bot.isDirect
        ? (message.text ?? '').replace(/\s+/g, ' ').trim()
        : stripBotMention(message, botPerson),
    };
  }
  if (emitted === 'attachmentAction' && action) {
    return {
      kind: 'action',
      actionId: action.id,
      messageId: action.messageId,
      roomId: action.roomId,
      roomType,
      personId: person.id,
      personEmail: person.emails?.[0] ?? '',
      person,
      inputs: action.inputs ?? {},
    };
  }
  return undefined;
}
