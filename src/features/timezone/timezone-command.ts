/** `timezone`: show, set (validated IANA name) or reset the zone the bot uses for a person. */
import { closest, distance } from 'fastest-levenshtein';
import { canonicalTimeZone } from '../digests/parse-digest.js';
import { ErrorCode, UserError } from '../../errors.js';
import { escapeMarkdown, quote as quoteWord } from '../../core/markdown.js';
import { isValidTimeZone } from '../../core/time.js';
import type { PersonZoneSource, Store } from '../../store/store.js';
import type { WebexPerson } from '../../webex/types.js';
import type { CommandSpec } from '../../core/command-registry.js';

export interface ResolvedZone {
  timeZone: string;
  source: PersonZoneSource;
}

/** Profile zone when Webex has a valid one, else the configured default. */
export function profileTimeZone(person: Pick<WebexPerson, 'timezone'>, fallback: string): string {
  return person.timezone && isValidTimeZone(person.timezone) ? person.timezone : fallback;
}

/** The order of precedence everywhere: the person's setting here, then their Webex profile, then DEFAULT_TIMEZONE. */
export async function resolveTimeZone(
  store: Pick<Store, 'getTimeZone'>,
  person: Pick<WebexPerson, 'id' | 'timezone'>,
  fallback: string,
): Promise<ResolvedZone> {
  const setting = await store.getTimeZone(person.id);
  if (setting && isValidTimeZone(setting)) return { timeZone: setting, source: 'setting' };
  const profile = profileTimeZone(person, '');
  return profile ? { timeZone: profile, source: 'profile' } : { timeZone: fallback, source: 'default' };
}

let zonesByLowerName: Map<string, string> | undefined;
function suggestZone(typed: string): string | undefined {
  zonesByLowerName ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  const byLower = zonesByLowerName;
  const lower = typed.toLowerCase();
  const best = closest(lower, [...byLower.keys()]);
  return distance(lower, best) <= Math.max(2, Math.floor(best.length / 5)) ? byLower.get(best) : undefined;
}

const SOURCE_WORDS: Record<PersonZoneSource, string> = {
  setting: 'you set it here with `timezone …`; `timezone reset` goes back to your Webex profile’s',
  profile: 'from your Webex profile; `timezone Europe/Berlin` (for example) overrides it',
  default: 'the bot’s default, as your Webex profile has none; set yours with e.g. `timezone Europe/Berlin`',
};

export function timezoneCommand(deps: { store: Store; defaultTimeZone: string }): CommandSpec {
  return {
    name: 'timezone',
    aliases: ['tz', 'timezones', 'zone'],
    description: 'show or set the time zone I use for you (recordings, digests)',
    examples: ['timezone', 'timezone Europe/Berlin', 'timezone reset'],
    async handler({ message, args, reply, now }) {
      const arg = args.trim();
      if (arg === '') {
        const { timeZone, source } = await resolveTimeZone(deps.store, message.person, deps.defaultTimeZone);
        return reply.say(`Your time zone is **${escapeMarkdown(timeZone)}** (${SOURCE_WORDS[source]}).`);
      }
      if (/^(reset|clear|default|unset)$/iu.test(arg)) {
        const removed = await deps.store.clearTimeZone(message.personId);
        const { timeZone, source } = await resolveTimeZone(deps.store, message.person, deps.defaultTimeZone);
        const from = source === 'profile' ? 'your Webex profile' : 'the bot’s default';
        return reply.say(
          removed
            ? `Done: I use **${escapeMarkdown(timeZone)}** for you again, from ${from}.`
            : `You had no time zone set here; I use **${escapeMarkdown(timeZone)}**, from ${from}.`,
        );
      }
      const zone = /\s/u.test(arg) ? undefined : canonicalTimeZone(arg);
      if (!zone) {
        const guess = /\s/u.test(arg) ? undefined : suggestZone(arg);
        throw new UserError(
          ErrorCode.BadInput,
          `${quoteWord(arg)} isn't a time zone I know.${guess ? ` Did you mean \`${guess}\`?` : ''} Use an IANA name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`,
        );
      }
      await deps.store.setTimeZone(message.personId, zone, now());
      return reply.say(
        `Done: I'll use **${escapeMarkdown(zone)}** for you from now on (recordings and new digests). \`timezone reset\` goes back to your Webex profile’s.`,
      );
    },
  };
}
