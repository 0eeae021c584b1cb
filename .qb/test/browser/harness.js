import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Playwright's own browser downloads cannot work here. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];
/** Headless Chromium with a fresh profile, one page of 1280×800 open. */
export async function launchBrowser() {
    if (!existsSync(CHROMIUM)) {
        throw new Error(`${CHROMIUM} not found: install Debian's Chromium (apt-get update && apt-get install -y chromium), or set CHROMIUM_PATH`);
    }
    const userDataDir = await mkdtemp(join(tmpdir(), 'demo-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
        locale: 'en-GB',
        timeout: 30_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    return {
        context,
        page,
        async close() {
            await context.close().catch(() => undefined);
            await rm(userDataDir, { recursive: true, force: true });
        },
    };
}
/** What the page logged as errors (uncaught exceptions and console.error), to assert there were none. */
export function collectPageErrors(page) {
    const errors = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
        if (msg.type() === 'error')
            errors.push(`console: ${msg.text()}`);
    });
    return errors;
}
//# sourceMappingURL=harness.js.map