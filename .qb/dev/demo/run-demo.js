/**
 * `npm run demo`: try the bot in a browser, no Webex account needed. Starts the emulator with a seeded org, the real
 * bot against it and a chat page, then prints the page's URL. Ctrl-C stops everything.
 *   DEMO_PORT=9000 npm run demo      another port (default 8090, or a free one when taken)
 *   LOG_LEVEL=info npm run demo      see the bot's logs
 */
import { DEFAULT_DEMO_PORT, startDemo } from './start-demo.js';
import { GROUP_TITLE } from './seed.js';
async function main() {
    const port = Number(process.env['DEMO_PORT'] ?? DEFAULT_DEMO_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`Invalid DEMO_PORT: ${port}`);
    const startedAt = Date.now();
    process.on('unhandledRejection', (reason) => {
        process.stderr.write(`unhandled promise rejection: ${String(reason)}\n`);
    });
    const demo = await startDemo({ port });
    const people = demo.seed.people.map((p) => `${p.displayName} (${p.timezone ?? 'UTC'})`).join(', ');
    process.stdout.write([
        '',
        `  Webex Recordings Bot demo is running (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s).`,
        '',
        `  Open  ${demo.url}`,
        '',
        `  Be one of: ${people}.`,
        `  Try "recordings last week" in your 1:1 with ${demo.seed.bot.displayName},`,
        `  or "@${demo.seed.bot.displayName} recordings this month" in ${GROUP_TITLE}.`,
        '',
        `  The bot is the production code at ${demo.botUrl} (state in ${demo.dataDir});`,
        `  the Webex emulator's API is ${demo.emulator.baseUrl}.`,
        '',
        '  Press Ctrl-C to stop.',
        '',
    ].join('\n'));
    let stopping = false;
    const shutdown = () => {
        if (stopping) {
            process.stderr.write('Stopping right away.\n');
            process.exit(1);
        }
        stopping = true;
        process.stdout.write('\nStopping the demo…\n');
        demo.stop().then(() => {
            process.stdout.write('Stopped.\n');
            process.exit(0);
        }, (err) => {
            process.stderr.write(`Error while stopping: ${String(err)}\n`);
            process.exit(1);
        });
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
}
main().catch((err) => {
    process.stderr.write(`The demo could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
});
//# sourceMappingURL=run-demo.js.map