/**
 * Starts an emulator with a small seed for manual runs:
 *   npm run emulator -- [port]        (or PORT=8090 npm run emulator)
 * EMULATOR_BOT_TOKEN fixes the bot's token so a locally running bot can keep its configuration.
 */
import { WebexEmulator } from './webex-emulator.js';
async function main() {
    const port = Number(process.argv[2] ?? process.env['PORT'] ?? 8090);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`Invalid port: ${port}`);
    const emulator = await WebexEmulator.start({ port, host: process.env['HOST'] ?? '127.0.0.1' });
    const botToken = process.env['EMULATOR_BOT_TOKEN'];
    const bot = emulator.addPerson({
        displayName: 'Recordings Bot',
        email: 'recordings@webex.bot',
        type: 'bot',
        ...(botToken ? { token: botToken } : {}),
    });
    const alice = emulator.addPerson({
        displayName: 'Alice Andersen',
        email: 'alice@example.com',
        timezone: 'Europe/Berlin',
    });
    const bob = emulator.addPerson({
        displayName: 'Bob Brown',
        email: 'bob@example.com',
        timezone: 'America/New_York',
        scopes: ['spark:all', 'meeting:recordings_read', 'meeting:admin_recordings_read'],
    });
    const aliceRoom = emulator.addRoom({ type: 'direct', memberIds: [alice.id, bot.id] });
    const bobRoom = emulator.addRoom({ type: 'direct', memberIds: [bob.id, bot.id] });
    const group = emulator.addRoom({
        type: 'group',
        title: 'Project Falcon',
        memberIds: [alice.id, bob.id, bot.id],
    });
    const hour = 60 * 60 * 1000;
    const now = Date.now();
    const topics = [
        'Weekly sync',
        'Project Falcon kickoff',
        'Customer demo',
        'Design review',
        '1:1 Alice / Bob',
    ];
    topics.forEach((topic, i) => {
        emulator.addRecording({
            hostEmail: i % 2 === 0 ? alice.email : bob.email,
            topic,
            createTime: new Date(now - (i * 26 + 3) * hour).toISOString(),
            durationSeconds: 900 + i * 600,
        });
    });
    const lines = [
        `Webex emulator listening on ${emulator.baseUrl}`,
        `  WEBEX_API_URL=${emulator.baseUrl}`,
        `  for the Webex JS SDK: HYDRA_SERVICE_URL=${emulator.baseUrl} U2C_SERVICE_URL=${emulator.u2cUrl}`,
        `  bot   ${bot.displayName} <${bot.email}>  id=${bot.id}`,
        `        token=${bot.token}`,
        `  user  ${alice.displayName} <${alice.email}>  id=${alice.id}`,
        `        token=${alice.token}`,
        `  admin ${bob.displayName} <${bob.email}>  id=${bob.id}`,
        `        token=${bob.token}`,
        `  rooms direct(alice)=${aliceRoom.id}`,
        `        direct(bob)=${bobRoom.id}`,
        `        group=${group.id}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const shutdown = () => {
        void emulator.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
}
main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
});
//# sourceMappingURL=cli.js.map