import type { CommandSpec } from '../../core/command-registry.js';

/** What the commands need to know about access, without knowing how sign-in works. */
export interface AccessPolicy {
  signInEnabled: boolean;
  /** Posts the sign-in card into the person's 1:1 space with the bot (never into a group). */
  offerSignIn(personId: string, reason: string): Promise<void>;
  disconnect(personId: string): Promise<boolean>;
  isBotAdmin(email: string): boolean;
}

const NOT_CONFIGURED =
  "Per-user sign-in isn't set up for this bot. Its admin can enable it with a Webex Integration (`WEBEX_CLIENT_ID`, `WEBEX_CLIENT_SECRET`).";

export function connectCommand(access: AccessPolicy): CommandSpec {
  return {
    name: 'connect',
    aliases: ['login', 'signin'],
    description: 'sign in with Webex so I can list recordings you host or that are shared with you',
    examples: ['connect'],
    async handler({ message, reply }) {
      if (!access.signInEnabled) return reply.say(NOT_CONFIGURED);
      await access.offerSignIn(
        message.personId,
        'Sign in with your Webex account so I can list your recordings.',
      );
      if (message.roomType === 'group') await reply.say("I've sent you a sign-in link in our 1:1 space.");
    },
  };
}

export function disconnectCommand(access: AccessPolicy): CommandSpec {
  return {
    name: 'disconnect',
    aliases: ['logout', 'signout'],
    description: 'remove my access to your recordings (deletes your stored sign-in)',
    examples: ['disconnect'],
    async handler({ message, reply }) {
      const removed = await access.disconnect(message.personId);
      await reply.say(
        removed
          ? 'Done: I deleted your sign-in. Type `connect` to sign in again.'
          : "You weren't connected, so there was nothing to remove.",
      );
    },
  };
}
