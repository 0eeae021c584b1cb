import type { CardToPost, WebexPerson } from '../webex/types.js';

/** What a command sees of an incoming chat message, independent of the bot framework. */
export interface ChatMessage {
  kind: 'message';
  messageId: string;
  roomId: string;
  roomType: 'direct' | 'group';
  personId: string;
  personEmail: string;
  person: WebexPerson;
  /** The text with the bot's @mention removed and whitespace collapsed. */
  text: string;
}

/** A press of an Action.Submit button on one of our cards. */
export interface ChatAction {
  kind: 'action';
  actionId: string;
  messageId: string;
  roomId: string;
  roomType: 'direct' | 'group';
  personId: string;
  personEmail: string;
  person: WebexPerson;
  inputs: Record<string, unknown>;
}

export type ChatEvent = ChatMessage | ChatAction;

/** How a handler answers: always into the space the event came from. */
export interface Reply {
  say(markdown: string): Promise<void>;
  /** Resolves once posted (what it resolves with is the messenger's business: handlers only await it). */
  sendCard(card: CardToPost, fallbackMarkdown: string): Promise<unknown>;
}
