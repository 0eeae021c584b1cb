import { createServer } from 'node:net';
/** A port that was free on 127.0.0.1 a moment ago (for the demo and tests, which need the URL before listening). */
export function freePort() {
    return new Promise((resolve, reject) => {
        const s = createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const addr = s.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            s.close(() => resolve(port));
        });
    });
}
//# sourceMappingURL=free-port.js.map