import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripBotMention, uuidOfWebexId } from '../../../src/bot/strip-mention.js';
const botId = Buffer.from('ciscospark://us/PEOPLE/1111-2222').toString('base64').replace(/=+$/, '');
const bot = { id: botId, displayName: 'Rec Bot', firstName: 'Rec' };
describe('stripBotMention', () => {
    it('removes the mention named in the html, wherever it stands', () => {
        const html = `<p>please <spark-mention data-object-type="person" data-object-id="${botId}">Rec</spark-mention> recordings today</p>`;
        assert.equal(stripBotMention({ text: 'please Rec recordings today', html }, bot), 'please recordings today');
    });
    it('matches a mention that carries the uuid instead of the full id', () => {
        const html = `<spark-mention data-object-type="person" data-object-id="1111-2222">Rec Bot</spark-mention> help`;
        assert.equal(stripBotMention({ text: 'Rec Bot  help', html }, bot), 'help');
    });
    it('leaves other people’s mentions alone', () => {
        const html = `<spark-mention data-object-type="person" data-object-id="${botId}">Rec Bot</spark-mention> ask <spark-mention data-object-type="person" data-object-id="other">Ann</spark-mention>`;
        assert.equal(stripBotMention({ text: 'Rec Bot ask Ann', html }, bot), 'ask Ann');
    });
    it('falls back to the display name at the start when there is no html', () => {
        assert.equal(stripBotMention({ text: 'Rec Bot help' }, bot), 'help');
        assert.equal(stripBotMention({ text: 'rec help' }, bot), 'help');
        assert.equal(stripBotMention({ text: 'help' }, bot), 'help');
    });
    it('decodes a Webex id to its uuid', () => {
        assert.equal(uuidOfWebexId(botId), '1111-2222');
        assert.equal(uuidOfWebexId('plain'), 'plain');
    });
});
//# sourceMappingURL=strip-mention.test.js.map