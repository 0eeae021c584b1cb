/**
 * The time zone the bot uses for a person, decided in one place: their `timezone` setting here, then their Webex
 * profile's, then DEFAULT_TIMEZONE. The `timezone` command, the recordings listing, digests and notifications all
 * ask this service; only the command changes the setting.
 */
import { isValidTimeZone } from '../../core/time.js';
/** Profile zone when Webex has a valid one, else the fallback. */
export function profileTimeZone(person, fallback) {
    return person.timezone && isValidTimeZone(person.timezone) ? person.timezone : fallback;
}
export function createTimeZoneSettings(deps) {
    const { repository, defaultTimeZone } = deps;
    const setting = async (personId) => {
        const zone = await repository.getTimeZone(personId);
        // A zone stored by an older runtime that this one no longer knows: as if there were none.
        return zone && isValidTimeZone(zone) ? zone : undefined;
    };
    const resolve = async (person) => {
        const own = await setting(person.id);
        if (own)
            return { timeZone: own, source: 'setting' };
        const profile = profileTimeZone(person, '');
        return profile
            ? { timeZone: profile, source: 'profile' }
            : { timeZone: defaultTimeZone, source: 'default' };
    };
    return {
        setting,
        async set(personId, timeZone, now) {
            if (!isValidTimeZone(timeZone))
                throw new Error(`not a time zone: ${JSON.stringify(timeZone)}`);
            await repository.setTimeZone(personId, timeZone, now);
        },
        reset: (personId) => repository.clearTimeZone(personId),
        resolve,
        async zoneFor(person) {
            try {
                return (await resolve(person)).timeZone;
            }
            catch (err) {
                deps.logger.warn({ err }, 'could not read the time zone setting; using the profile’s');
                return profileTimeZone(person, defaultTimeZone);
            }
        },
    };
}
//# sourceMappingURL=timezone-settings.js.map