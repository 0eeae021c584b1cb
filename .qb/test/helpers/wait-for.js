/** Polls until the check returns a truthy value; fails with the description if it never does. */
export async function waitFor(check, description, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
        try {
            const v = await check();
            if (v)
                return v;
        }
        catch (err) {
            last = err;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
        }
        await new Promise((r) => setTimeout(r, 20));
    }
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
//# sourceMappingURL=wait-for.js.map