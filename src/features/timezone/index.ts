/** The `timezone` feature: the setting, the command, and the effective zone every other feature asks for. */
import type { FeatureModule } from '../../core/feature-module.js';
import type { Infrastructure } from '../../core/infrastructure.js';
import type { WebexPerson } from '../../webex/types.js';
import { timezoneCommand } from './timezone-command.js';
import { KyselyTimeZoneRepository } from './timezone-repository.js';
import { createTimeZoneSettings } from './timezone-settings.js';

export interface TimeZoneModule extends FeatureModule {
  /** The zone the bot uses for a person: their setting, else their Webex profile's, else DEFAULT_TIMEZONE. */
  zoneFor(person: Pick<WebexPerson, 'id' | 'timezone'>): Promise<string>;
  /** The person's own setting, if they made one. */
  setting(personId: string): Promise<string | undefined>;
}

export function createTimeZoneModule(
  infra: Pick<Infrastructure, 'config' | 'store' | 'logger'>,
): TimeZoneModule {
  const settings = createTimeZoneSettings({
    repository: new KyselyTimeZoneRepository(infra.store.kysely),
    defaultTimeZone: infra.config.defaultTimeZone,
    logger: infra.logger,
  });
  return {
    name: 'timezone',
    commands: [timezoneCommand({ settings })],
    // When the setting can't be read, zoneFor falls back to the profile's zone (logged): an answer in a likely
    // zone beats no answer.
    zoneFor: (person) => settings.zoneFor(person),
    setting: (personId) => settings.setting(personId),
  };
}
