import { Router } from 'express';
import { badRequest } from '../errors.js';
import { callerOf, paginate, queryOf, sendJson } from '../http.js';
import { single } from '../recordings.js';
export function roomsRoutes(ctx) {
    const router = Router();
    router.get('/rooms/:roomId', (req, res) => {
        const caller = callerOf(res);
        const room = ctx.store.requireRoomFor(req.params.roomId, caller.id);
        sendJson(res, 200, ctx.store.roomJson(room, caller.id));
    });
    router.get('/rooms', (req, res) => {
        const caller = callerOf(res);
        const query = queryOf(req);
        const type = single(query, 'type');
        const sortBy = single(query, 'sortBy');
        if (type !== undefined && type !== 'direct' && type !== 'group')
            throw badRequest(`Invalid type: ${type}`);
        if (sortBy !== undefined && !['id', 'lastactivity', 'created'].includes(sortBy)) {
            throw badRequest(`Invalid sortBy: ${sortBy}`);
        }
        let rooms = ctx.store.roomsOf(caller.id);
        if (type !== undefined)
            rooms = rooms.filter((r) => r.type === type);
        if (sortBy === 'id')
            rooms.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        if (sortBy === 'created')
            rooms.reverse();
        if (sortBy === 'lastactivity')
            rooms.sort((a, b) => Date.parse(b.lastActivity) - Date.parse(a.lastActivity));
        const page = paginate(ctx, req, res, rooms, { defaultMax: 100, maxAllowed: 1000 });
        sendJson(res, 200, { items: page.map((r) => ctx.store.roomJson(r, caller.id)) });
    });
    router.post('/rooms', (req, res) => {
        const caller = callerOf(res);
        const { room, events } = ctx.store.createGroupRoom(caller, req.body);
        ctx.dispatch(events);
        sendJson(res, 200, ctx.store.roomJson(room, caller.id));
    });
    return router;
}
//# sourceMappingURL=rooms.js.map