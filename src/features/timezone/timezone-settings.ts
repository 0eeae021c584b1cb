/**
 * The time zone the bot uses for a person, decided in one place: their `timezone` setting here, then their Webex
 * profile's, then DEFAULT_TIMEZONE. The `timezone` command, the recordings listing, digests and notifications all
 * ask this service; only the command changes the setting.
 */
import { isValidTimeZone } from '../../core/time.js';
import type { Logger } from '../../logger.js';
import type { WebexPerson } from '../../webex/types.js';
import type { TimeZoneRepository } from './timezone-repository.js';

export type PersonZoneSource = 'setting' | 'profile' | 'default';

export interface ResolvedZone {
  timeZone: string;
  source: PersonZoneSource;
}

export interface TimeZoneSettings {
  /** The person's own setting, if they made one (and it is still a zone this runtime knows). */
  setting(personId: string): Promise<string | undefined>;
  /** Stores a valid IANA zone (the command canonicalizes what was typed); throws on anything else. */
  set(personId: string, timeZone: string, now: Date): Promise<void>;
  /** Forgets the setting; true when there was one. */
  reset(personId: string): Promise<boolean>;
  /** The effective zone and where it came from. */
  resolve(person: Pick<WebexPerson, 'id' | 'timezone'>): Promise<ResolvedZone>;
  /** The effective zone; when the setting can't be read, the profile's (or the default), and that is logged. */
  zoneFor(person: Pick<WebexPerson, 'id' | 'timezone'>): Promise<string>;
}

/** Profile zone when Webex has a valid one, else the fallback. */
export function profileTimeZone(person: Pick<WebexPerson, 'timezone'>, fallback: string): string {
  return person.timezone && isValidTimeZone(person.timezone) ? person.timezone : fallback;
}

export function createTimeZoneSettings(deps: {
  repository: TimeZoneRepository;
  defaultTimeZone: string;
  logger: Logger;
}): TimeZoneSettings {
  const { repository, defaultTimeZone } = deps;
  const setting = async (personId: string) => {
    const zone = await repository.getTimeZone(personId);
    // A zone stored by an older runtime that this one no longer knows: as if there were none.
    return zone && isValidTimeZone(zone) ? zone : undefined;
  };
  const resolve = async (person: Pick<WebexPerson, 'id' | 'timezone'>): Promise<ResolvedZone> => {
    const own = await setting(person.id);
    if (own) return { timeZone: own, source: 'setting' };
    const profile = profileTimeZone(person, '');
    return profile
      ? { timeZone: profile, source: 'profile' }
      : { timeZone: defaultTimeZone, source: 'default' };
  };
  return {
    setting,
    async set(personId, timeZone, now) {
      if (!isValidTimeZone(timeZone)) throw new Error(`not a time zone: ${JSON.stringify(timeZone)}`);
      await repository.setTimeZone(personId, timeZone, now);
    },
    reset: (personId) => repository.clearTimeZone(personId),
    resolve,
    async zoneFor(person) {
      try {
        return (await resolve(person)).timeZone;
      } catch (err) {
        deps.logger.warn({ err }, 'could not read the time zone setting; using the profile’s');
        return profileTimeZone(person, defaultTimeZone);
      }
    },
  };
}
