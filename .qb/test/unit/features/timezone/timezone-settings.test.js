/** TimeZoneSettings: the person's setting, then the Webex profile's zone, then DEFAULT_TIMEZONE. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTimeZoneSettings } from '../../../../src/features/timezone/timezone-settings.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';
function memoryZones() {
    const rows = new Map();
    return {
        rows,
        getTimeZone: async (id) => rows.get(id),
        setTimeZone: async (id, zone) => void rows.set(id, zone),
        clearTimeZone: async (id) => rows.delete(id),
    };
}
describe('TimeZoneSettings', () => {
    const NOW = new Date('2026-11-25T16:00:00Z');
    it('when a person has a setting, a profile zone or neither, then it resolves in that order, saying from where', async () => {
        const repository = memoryZones();
        const logs = memoryLogger();
        const settings = createTimeZoneSettings({
            repository,
            defaultTimeZone: 'Europe/Rome',
            logger: logs.logger,
        });
        const ann = { id: 'ann', timezone: 'America/Los_Angeles' };
        assert.deepEqual(await settings.resolve({ id: 'bob' }), { timeZone: 'Europe/Rome', source: 'default' });
        assert.deepEqual(await settings.resolve({ id: 'bob', timezone: 'Not/AZone' }), {
            timeZone: 'Europe/Rome',
            source: 'default',
        });
        assert.deepEqual(await settings.resolve(ann), { timeZone: 'America/Los_Angeles', source: 'profile' });
        await settings.set('ann', 'Asia/Tokyo', NOW);
        assert.deepEqual(await settings.resolve(ann), { timeZone: 'Asia/Tokyo', source: 'setting' });
        assert.equal(await settings.zoneFor(ann), 'Asia/Tokyo');
        assert.equal(await settings.reset('ann'), true);
        assert.equal(await settings.reset('ann'), false);
        assert.equal(await settings.zoneFor(ann), 'America/Los_Angeles');
    });
    it('when the stored setting is no zone this runtime knows, then it is as if there were none', async () => {
        const repository = memoryZones();
        repository.rows.set('ann', 'Mars/Olympus_Mons');
        const settings = createTimeZoneSettings({
            repository,
            defaultTimeZone: 'UTC',
            logger: memoryLogger().logger,
        });
        assert.equal(await settings.setting('ann'), undefined);
        assert.deepEqual(await settings.resolve({ id: 'ann' }), { timeZone: 'UTC', source: 'default' });
    });
    it('when something that is not a zone is to be stored, then nothing is stored', async () => {
        const repository = memoryZones();
        const settings = createTimeZoneSettings({
            repository,
            defaultTimeZone: 'UTC',
            logger: memoryLogger().logger,
        });
        await assert.rejects(settings.set('ann', 'Europe/Nowhere', NOW));
        assert.equal(repository.rows.size, 0);
    });
    it('when the setting cannot be read, then zoneFor uses the profile’s zone and logs why', async () => {
        const repository = memoryZones();
        repository.getTimeZone = () => Promise.reject(new Error('database down'));
        const logs = memoryLogger();
        const settings = createTimeZoneSettings({ repository, defaultTimeZone: 'UTC', logger: logs.logger });
        assert.equal(await settings.zoneFor({ id: 'ann', timezone: 'Asia/Kolkata' }), 'Asia/Kolkata');
        assert.equal(await settings.zoneFor({ id: 'bob' }), 'UTC');
        assert.match(logs.text(), /could not read the time zone setting/u);
    });
});
//# sourceMappingURL=timezone-settings.test.js.map