import { Router } from 'express';
import { badRequest, notFound } from '../errors.js';
import { callerOf, paginate, queryOf, sendJson } from '../http.js';
import { single } from '../recordings.js';
const MAX_IDS = 85;
export function peopleRoutes(ctx) {
    const router = Router();
    router.get('/people/me', (_req, res) => {
        sendJson(res, 200, ctx.store.personJson(callerOf(res)));
    });
    router.get('/people/:personId', (req, res) => {
        callerOf(res);
        const person = ctx.store.person(req.params.personId);
        if (!person)
            throw notFound('Person not found.');
        sendJson(res, 200, ctx.store.personJson(person));
    });
    router.get('/people', (req, res) => {
        callerOf(res);
        const query = queryOf(req);
        const idList = single(query, 'id');
        const email = single(query, 'email');
        const displayName = single(query, 'displayName');
        if (idList === undefined && email === undefined && displayName === undefined) {
            // Non-admin callers must narrow the search, as the OpenAPI description states.
            throw badRequest('Email, displayName, or id list should be specified.');
        }
        let people = ctx.store.allPeople();
        const notFoundIds = [];
        if (idList !== undefined) {
            const ids = idList
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== '');
            if (ids.length > MAX_IDS)
                throw badRequest(`At most ${MAX_IDS} ids may be requested.`);
            people = [];
            for (const id of ids) {
                const p = ctx.store.person(id);
                if (p)
                    people.push(p);
                else
                    notFoundIds.push(id);
            }
        }
        if (email !== undefined) {
            const wanted = email.trim().toLowerCase();
            people = people.filter((p) => p.emails.some((e) => e.toLowerCase() === wanted));
        }
        if (displayName !== undefined) {
            const prefix = displayName.toLowerCase();
            people = people.filter((p) => p.displayName.toLowerCase().startsWith(prefix));
        }
        const page = paginate(ctx, req, res, people, { defaultMax: 100, maxAllowed: 1000 });
        sendJson(res, 200, {
            items: page.map((p) => ctx.store.personJson(p)),
            ...(notFoundIds.length > 0 ? { notFoundIds } : {}),
        });
    });
    return router;
}
//# sourceMappingURL=people.js.map