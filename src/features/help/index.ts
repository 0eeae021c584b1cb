/** The `help` feature: the command list generated from every command spec, and the greeting in a new space. */
import type { CommandRegistry } from '../../core/command-registry.js';
import type { FeatureModule } from '../../core/feature-module.js';
import { helpCommand } from './help-command.js';

/** `registry`: the one the chat router answers from, so help lists exactly the commands a person can use. */
export function createHelpModule(deps: { registry: CommandRegistry }): FeatureModule {
  return {
    name: 'help',
    commands: [helpCommand(deps.registry)],
    async onAddedToSpace(_roomId, roomType, reply) {
      // In a group the bot only hears messages that @mention it, so the greeting says so.
      await reply.say(
        roomType === 'group'
          ? 'Hi! @mention me with `help` to see what I can do with your meeting recordings.'
          : 'Hi! Type `help` to see what I can do with your meeting recordings.',
      );
    },
  };
}
