import { errorMessage } from '../errors.js';
/** SQLSTATEs of a connection Postgres closed or would not open: admin/crash shutdown, starting up, class 08. */
const CONNECTION_SQLSTATES = /^(57P01|57P02|57P03|08...)$/;
const CONNECTION_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** True when the error means the connection is gone (not that the statement was wrong). */
export function isConnectionLost(err) {
    if (!(err instanceof Error))
        return false;
    const code = err.code;
    if (typeof code === 'string' && (CONNECTION_SQLSTATES.test(code) || CONNECTION_ERRNOS.has(code)))
        return true;
    return /Connection terminated|not queryable|connection error|timeout exceeded when trying to connect/i.test(err.message);
}
export function resilientPool(pool, opts = {}) {
    const attempts = Math.max(1, opts.connectAttempts ?? 3);
    const backoff = opts.connectBackoffMs ?? 100;
    let lastReported = 0;
    const report = (err, what) => {
        // One line per burst: a restart closes every connection at once.
        const now = Date.now();
        if (now - lastReported < 1000)
            return;
        lastReported = now;
        opts.logger?.warn({ err: errorMessage(err) }, what);
    };
    // Idle connections: pg-pool removes a dead one and re-emits its error here.
    pool.on('error', (err) => report(err, 'a Postgres connection was closed; the pool opens a new one when needed'));
    const connect = async () => {
        for (let attempt = 1;; attempt++) {
            try {
                return await pool.connect();
            }
            catch (err) {
                if (attempt >= attempts || !isConnectionLost(err))
                    throw err;
                await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
            }
        }
    };
    return {
        async connect() {
            return new ResilientClient(await connect(), connect, report);
        },
        end: () => pool.end(),
    };
}
class ResilientClient {
    client;
    reconnect;
    report;
    statements = 0;
    lost;
    onError = (err) => {
        // A checked-out connection has no pool listener: without this one its death would crash the process.
        this.lost = err;
        this.report(err, 'a Postgres connection in use was closed');
    };
    constructor(client, reconnect, report) {
        this.client = client;
        this.reconnect = reconnect;
        this.report = report;
        client?.on('error', this.onError);
    }
    get live() {
        if (!this.client)
            throw new Error('Postgres connection was already released');
        return this.client;
    }
    query(sqlOrCursor, parameters) {
        if (typeof sqlOrCursor !== 'string') {
            this.statements++;
            return this.live.query(sqlOrCursor);
        }
        return this.run(sqlOrCursor, parameters ?? []);
    }
    async run(sql, parameters) {
        const first = this.statements++ === 0;
        if (first && this.lost !== undefined)
            await this.replace(this.lost);
        try {
            return await this.send(sql, parameters);
        }
        catch (err) {
            if (!first || !isConnectionLost(err))
                throw err;
            await this.replace(err);
            return this.send(sql, parameters);
        }
    }
    async send(sql, parameters) {
        const r = await this.live.query(sql, [...parameters]);
        return r;
    }
    async replace(err) {
        this.detach()?.release(err instanceof Error ? err : true);
        this.lost = undefined;
        const client = await this.reconnect();
        client.on('error', this.onError);
        this.client = client;
    }
    /** Hands the connection back to the caller once; undefined when it already went back to the pool. */
    detach() {
        const client = this.client;
        this.client = undefined;
        client?.removeListener('error', this.onError);
        return client;
    }
    release(destroy) {
        // A connection that died while checked out is destroyed, not handed to the next caller.
        this.detach()?.release(destroy || this.lost !== undefined ? true : undefined);
    }
}
//# sourceMappingURL=resilient-pg-pool.js.map