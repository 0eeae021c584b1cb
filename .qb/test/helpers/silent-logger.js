import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';
/** A logger whose JSON lines are kept in memory, so tests can assert on what was logged (and on what was not). */
export function memoryLogger(level = 'debug', secrets = []) {
    const chunks = [];
    const stream = new Writable({
        write(chunk, _enc, cb) {
            chunks.push(chunk.toString('utf8'));
            cb();
        },
    });
    const logger = createLogger(level, stream, { secrets });
    const text = () => chunks.join('');
    return {
        logger,
        text,
        lines: () => text()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l)),
    };
}
//# sourceMappingURL=silent-logger.js.map