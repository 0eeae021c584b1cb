/*
 * The shapes of webex-node-bot-framework that the adapter relies on. The framework ships no types, so they are
 * declared here; nothing outside src/bot sees them.
 */
import type { EventEmitter } from 'node:events';
import type { WebexAttachmentAction, WebexMessage, WebexPerson, WebexRoom } from '../webex/types.js';

/** The framework's object for one space. */
export interface FrameworkBot {
  id: string;
  room: WebexRoom;
  isDirect: boolean;
}

/** What the framework hands its listeners with each message or card press. */
export interface FrameworkTrigger {
  type: 'message' | 'attachmentAction';
  id: string;
  text?: string;
  message?: WebexMessage;
  attachmentAction?: WebexAttachmentAction;
  person: WebexPerson;
  personId: string;
}

export interface FrameworkInstance extends EventEmitter {
  active: boolean;
  /** One object per space the framework has met, found by linear scan; kept bounded by the adapter. */
  bots: FrameworkBot[];
  initialized: boolean;
  person: WebexPerson;
  /** Set (asynchronously, after start() resolved) to the webhook whose events the framework accepts. */
  webhook?: { name?: string };
  debugger?: (message: string) => void;
  start(): Promise<boolean>;
  stop(): Promise<boolean>;
  storageDriver(driver: Record<string, unknown>): Promise<unknown>;
}

export type FrameworkConstructor = new (options: Record<string, unknown>) => FrameworkInstance;
export type WebhookHandlerFactory = (
  framework: FrameworkInstance,
) => (req: { body: unknown; headers: object }) => PromiseLike<unknown>;

/**
 * The framework's default storage keeps an object per space forever; the bot keeps no state in the framework, so
 * this one keeps nothing.
 */
export const NO_STORAGE = {
  getName: () => 'none',
  initialize: async () => true,
  initStorage: async (_id: string, initial: unknown) => initial,
  store: async (_id: string, _key: string, value: unknown) => value,
  recall: async () => undefined,
  forget: async () => undefined,
};
