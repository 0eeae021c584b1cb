/**
 * The baseline of `npm run bench:e2e`: a bare webex-node-bot-framework bot as its users run it (with its Webex SDK,
 * the framework's webhook helper and express.json), answering every message with its text. Run as its own process:
 *   ECHO_TOKEN=… ECHO_PORT=… WEBEX_API_URL=http://127.0.0.1:…/v1 node .build/bench/echo-bot.js
 * Never part of the bot: the only place besides src/bot/webex-adapter.ts that loads the framework, on purpose, since
 * it is the baseline the bot is compared with.
 */
import { createRequire } from 'node:module';
import express from 'express';
const env = (name) => {
    const v = process.env[name];
    if (!v)
        throw new Error(`${name} is required`);
    return v;
};
const port = Number(env('ECHO_PORT'));
const apiUrl = env('WEBEX_API_URL');
// Read by the SDK when it is first required: point it at the emulator.
process.env.HYDRA_SERVICE_URL = `${apiUrl.replace(/\/+$/, '')}/`;
process.env.U2C_SERVICE_URL = `${new URL(apiUrl).origin}/u2c/api/v1`;
const require = createRequire(import.meta.url);
const FrameworkClass = require('webex-node-bot-framework');
const webhook = require('webex-node-bot-framework/webhook');
const framework = new FrameworkClass({
    token: env('ECHO_TOKEN'),
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    removeWebhooksOnStart: true,
    messageFormat: 'markdown',
});
framework.on('message', (bot, trigger) => {
    void bot.say({ markdown: `echo: ${trigger.text ?? ''}` }).catch(() => undefined);
});
const app = express();
app.use(express.json());
app.post('/webhook', webhook(framework));
app.get('/ready', (_req, res) => {
    res.status(framework.initialized ? 200 : 503).end();
});
app.listen(port, '127.0.0.1', () => {
    void framework.start();
});
process.on('SIGTERM', () => {
    void framework.stop().finally(() => process.exit(0));
});
//# sourceMappingURL=echo-bot.js.map