import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
let cached;
/** The bot's version from its package.json (the nearest one above this file: works from src, dist and .build). */
export function appVersion() {
    if (cached)
        return cached;
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
        const file = join(dir, 'package.json');
        if (existsSync(file)) {
            const pkg = JSON.parse(readFileSync(file, 'utf8'));
            cached = typeof pkg.version === 'string' ? pkg.version : 'unknown';
            return cached;
        }
        const parent = dirname(dir);
        if (parent === dir)
            return (cached = 'unknown');
        dir = parent;
    }
}
//# sourceMappingURL=version.js.map