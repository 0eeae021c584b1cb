import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { topLevelString } from '../../../src/webex/top-level-string.js';

const idOf = (json: string) => topLevelString(Buffer.from(json, 'utf8'), 'id');

describe('topLevelString: one member of a JSON object, read from its bytes', () => {
  it('when the object holds ids in nested objects and arrays too, then only its own id is read', () => {
    const message = {
      roomId: 'room-1',
      attachments: [{ content: { id: 'card-id', body: [{ id: 'block', text: '"id":"no"' }] } }],
      nested: { id: 'inner' },
      list: ['id', { id: 'x' }],
      id: 'message-1',
    };
    assert.equal(idOf(JSON.stringify(message)), 'message-1');
    assert.equal(idOf(' \n{ "id" : "spaced" , "x": 1 }'), 'spaced');
  });

  it('when the value has escapes or characters beyond ASCII, then it is decoded as JSON.parse decodes it', () => {
    assert.equal(idOf(JSON.stringify({ text: 'Grüße „hi“ 🎉', id: 'a"b\\c\u00e9🎉' })), 'a"b\\c\u00e9🎉');
    assert.equal(idOf('{"id":"Zürich-\\u00e9"}'), 'Zürich-é');
  });

  it('when there is no such string member, or the text is not an object, then nothing is read', () => {
    for (const json of [
      '{"id":12}',
      '{"id":null}',
      '{"id":{"id":"x"}}',
      '{"ids":"x","xid":"y"}',
      '{"nested":{"id":"x"}}',
      '["id","x"]',
      '"id"',
      '',
      '{"id":"unterminated',
      '{"a":"x"}{"id":"second document"}',
      'not json',
    ]) {
      assert.equal(idOf(json), undefined, json);
    }
  });

  it('for any object, it agrees with JSON.parse whenever it reads a value, and reads one whenever the id is plain', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'grapheme' }),
        fc.integer(),
        fc.constant(null),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('id', 'ID', 'roomId', 'i', 'text'), tie('any'), { maxKeys: 4 }),
      ),
    })).any;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('id', 'roomId', 'attachments', 'markdown'), value, { maxKeys: 4 }),
        fc.boolean(),
        (obj, pretty) => {
          const json = JSON.stringify(obj, undefined, pretty ? 2 : undefined);
          const expected = typeof obj.id === 'string' ? obj.id : undefined;
          assert.equal(idOf(json), expected);
        },
      ),
    );
  });
});
