import { quote } from '../../core/markdown.js';
export function renderHelp(commands) {
    const lines = ['Here is what I understand:', ''];
    for (const c of commands) {
        const aliases = c.aliases?.length ? ` (or ${c.aliases.map((a) => `\`${a}\``).join(', ')})` : '';
        lines.push(`- **${c.name}**${aliases}: ${c.description}`);
        for (const ex of c.examples.slice(0, 3))
            lines.push(`  - \`${ex}\``);
    }
    lines.push('', 'In a group space, @mention me first. Type `help <command>` for details.');
    return lines.join('\n');
}
export function renderCommandHelp(c) {
    const aliases = c.aliases?.length ? `\nAlso: ${c.aliases.map((a) => `\`${a}\``).join(', ')}` : '';
    return [
        `**${c.name}**: ${c.description}${aliases}`,
        '',
        'Examples:',
        ...c.examples.map((e) => `- \`${e}\``),
    ].join('\n');
}
/** `help` is itself a command spec, generated from the registry it belongs to. */
export function helpCommand(registry) {
    return {
        name: 'help',
        aliases: ['?'],
        description: 'show this list',
        examples: ['help', 'help recordings'],
        async handler({ args, reply }) {
            const topic = args.trim().split(/\s+/)[0] ?? '';
            if (topic) {
                const found = registry.match(topic);
                if (found)
                    return reply.say(renderCommandHelp(found.spec));
                const guess = registry.suggest(topic);
                return reply.say(`I don't have a command called ${quote(topic)}.${guess ? ` Did you mean \`${guess}\`?` : ''}\n\n${renderHelp(registry.commands)}`);
            }
            return reply.say(renderHelp(registry.commands));
        },
    };
}
//# sourceMappingURL=help-command.js.map