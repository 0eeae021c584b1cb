import type { CommandSpec } from '../../core/command-registry.js';
import type { AccessPolicy } from '../../webex/recordings-access.js';

/** The access policy as sign-in implements it: it alone can take a person's sign-in back. */
export interface SignInPolicy extends AccessPolicy {
  /** Deletes the person's stored sign-in; true when there was one. */
  disconnect(personId: string): Promise<boolean>;
}

const NOT_CONFIGURED =
  "Per-user sign-in isn't set up for this bot. Its admin can enable it with a Webex Integration (`WEBEX_CLIENT_ID`, `WEBEX_CLIENT_SECRET`).";

export function connectCommand(access: SignInPolicy): CommandSpec {
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

export function disconnectCommand(access: Pick<SignInPolicy, 'disconnect'>): CommandSpec {
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
