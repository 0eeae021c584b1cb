import { Router } from 'express';
import { badRequest, notFound } from '../errors.js';
import { callerOf, paginate, queryOf, sendEmpty, sendJson } from '../http.js';
import { single } from '../recordings.js';
import { asObject, optionalString } from '../store.js';
export function membershipsRoutes(ctx) {
    const router = Router();
    router.get('/memberships', (req, res) => {
        const caller = callerOf(res);
        const query = queryOf(req);
        const roomId = single(query, 'roomId');
        const personId = single(query, 'personId');
        const personEmail = single(query, 'personEmail');
        if (roomId === undefined && (personId !== undefined || personEmail !== undefined)) {
            throw badRequest('roomId is required when filtering by personId or personEmail.');
        }
        let memberships;
        if (roomId !== undefined) {
            ctx.store.requireRoomFor(roomId, caller.id);
            memberships = ctx.store.membershipsOfRoom(roomId);
        }
        else {
            memberships = ctx.store.membershipsOfPerson(caller.id);
        }
        if (personId !== undefined)
            memberships = memberships.filter((m) => m.personId === personId);
        if (personEmail !== undefined) {
            const wanted = personEmail.toLowerCase();
            memberships = memberships.filter((m) => ctx.store.person(m.personId)?.emails.some((e) => e.toLowerCase() === wanted));
        }
        const page = paginate(ctx, req, res, memberships, { defaultMax: 100, maxAllowed: 1000 });
        sendJson(res, 200, { items: page.map((m) => ctx.store.membershipJson(m)) });
    });
    router.get('/memberships/:membershipId', (req, res) => {
        const caller = callerOf(res);
        const m = ctx.store.membership(req.params.membershipId);
        if (!m || !ctx.store.isMember(m.roomId, caller.id))
            throw notFound('Membership not found.');
        sendJson(res, 200, ctx.store.membershipJson(m));
    });
    router.post('/memberships', (req, res) => {
        const caller = callerOf(res);
        const body = asObject(req.body);
        const roomId = optionalString(body, 'roomId');
        const personId = optionalString(body, 'personId');
        const personEmail = optionalString(body, 'personEmail');
        const isModerator = body['isModerator'];
        if (roomId === undefined)
            throw badRequest('roomId is required.');
        if (isModerator !== undefined && typeof isModerator !== 'boolean')
            throw badRequest('isModerator must be a boolean.');
        const person = personId !== undefined
            ? ctx.store.person(personId)
            : personEmail !== undefined
                ? ctx.store.personByEmail(personEmail)
                : undefined;
        if (personId === undefined && personEmail === undefined)
            throw badRequest('personId or personEmail is required.');
        if (!person)
            throw notFound('Person not found.');
        const { membership, events } = ctx.store.addMember(caller.id, roomId, person.id, isModerator === true);
        ctx.dispatch(events);
        sendJson(res, 200, ctx.store.membershipJson(membership));
    });
    router.delete('/memberships/:membershipId', (req, res) => {
        const caller = callerOf(res);
        ctx.dispatch(ctx.store.removeMembership(caller.id, req.params.membershipId));
        sendEmpty(res);
    });
    return router;
}
//# sourceMappingURL=memberships.js.map