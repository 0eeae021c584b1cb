import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitMentions, takeTypedMentions, type MentionPart } from '../../../src/core/mentions.js';

const html = (id: string, name: string, type = 'person') =>
  `<spark-mention data-object-type="${type}" data-object-id="${id}">${name}</spark-mention>`;

const mentionsOf = (parts: MentionPart[]) => parts.filter((p) => p.kind !== 'text');
const textOf = (parts: MentionPart[]) =>
  parts.map((p) => (p.kind === 'text' ? p.text : `[${p.name}]`)).join('');

describe('splitMentions', () => {
  it('when markdown holds person, email and all markup, then each becomes a mention in order', () => {
    const parts = splitMentions('hi <@personId:P1|Ann> and <@personEmail:bob@x.org> and <@all>!');
    assert.deepEqual(mentionsOf(parts), [
      { kind: 'person', form: 'markup', by: 'id', value: 'P1', name: 'Ann', source: '<@personId:P1|Ann>' },
      {
        kind: 'person',
        form: 'markup',
        by: 'email',
        value: 'bob@x.org',
        name: '',
        source: '<@personEmail:bob@x.org>',
      },
      { kind: 'all', form: 'markup', name: 'All', source: '<@all>' },
    ]);
    assert.equal(textOf(parts), 'hi [Ann] and [] and [All]!');
  });

  it('when html holds spark-mention tags, then their ids and visible names come out, entities decoded', () => {
    const parts = splitMentions(
      `<p>${html('Qk9U', 'Rec <b>Bot</b> &amp; Co')} list ${html('', 'All', 'groupMention')}</p>`,
    );
    assert.deepEqual(
      mentionsOf(parts).map((p) => [p.kind, p.kind === 'person' ? p.value : '', p.name, p.form]),
      [
        ['person', 'Qk9U', 'Rec Bot & Co', 'html'],
        ['all', '', 'All', 'html'],
      ],
    );
    assert.equal(textOf(parts), '<p>[Rec Bot & Co] list [All]</p>');
  });

  it('when markup is incomplete or empty, then it stays text, exactly as written', () => {
    for (const source of [
      '<@personId:|Ann>',
      '<@personId:   >',
      '<@personId:abc',
      '<spark-mention data-object-type="person" data-object-id="x">never closed',
      '<spark-mention data-object-type="room" data-object-id="x">Room</spark-mention>',
      '<spark-mentioned data-object-type="person" data-object-id="x">x</spark-mention>',
      '<@everyone> <@ all>',
    ]) {
      const parts = splitMentions(source);
      assert.deepEqual(mentionsOf(parts), [], source);
      assert.equal(textOf(parts), source);
    }
  });

  it('when tags and attribute names differ in case, then they are still read', () => {
    const parts = splitMentions(
      '<SPARK-MENTION DATA-OBJECT-TYPE="person" Data-Object-Id="Z9">Zoë</Spark-Mention>',
    );
    assert.deepEqual(
      mentionsOf(parts).map((p) => (p.kind === 'person' ? [p.value, p.name] : [])),
      [['Z9', 'Zoë']],
    );
  });

  it('when the input is long and hostile, then openers that never close stay text and the real mention after them is found', () => {
    const n = 20_000;
    const hostile = [
      '<spark-mention data-object-type="person" data-object-id="x">'.repeat(n),
      '<spark-mention '.repeat(n),
      '<@personId:'.repeat(n),
      '<@personId:a|'.repeat(n),
      '<'.repeat(n * 5),
      '<@personId: <'.repeat(n),
    ];
    for (const junk of hostile) {
      const noClose = splitMentions(junk);
      assert.equal(textOf(noClose), junk);
      const before = junk.replaceAll('>', '');
      const parts = splitMentions(`${before} then ${html('BOT', 'Rec Bot')} help`);
      assert.deepEqual(mentionsOf(parts), [
        {
          kind: 'person',
          form: 'html',
          by: 'id',
          value: 'BOT',
          name: 'Rec Bot',
          source: html('BOT', 'Rec Bot'),
        },
      ]);
      assert.equal(textOf(parts), `${before} then [Rec Bot] help`);
    }
  });

  it('when many complete mentions follow each other, then each is one part', () => {
    const n = 5_000;
    const parts = splitMentions(`${html('A', 'Ann')} `.repeat(n));
    assert.equal(mentionsOf(parts).length, n);
    const markup = splitMentions('<@personId:A|Ann>'.repeat(n));
    assert.equal(markup.length, n);
  });
});

describe('takeTypedMentions', () => {
  const people = [
    { id: 'bot', names: ['Rec Bot', 'Rec', 'RecBot'] },
    { id: 'ann', names: ['Ann Lee', 'Ann'] },
  ];

  it('when a message starts with @Name, then the longest name is taken out and its id returned', () => {
    assert.deepEqual(takeTypedMentions('@Rec Bot recordings today', people), {
      text: 'recordings today',
      mentionIds: ['bot'],
    });
    assert.deepEqual(takeTypedMentions('@rec, help', people), { text: 'help', mentionIds: ['bot'] });
    assert.deepEqual(takeTypedMentions('ask @ann lee and @RecBot list', people), {
      text: 'ask and list',
      mentionIds: ['ann', 'bot'],
    });
  });

  it('when @ is inside a word or the name runs on, then it is not a mention', () => {
    assert.deepEqual(takeTypedMentions('mail ann@rec.org', people), {
      text: 'mail ann@rec.org',
      mentionIds: [],
    });
    assert.deepEqual(takeTypedMentions('@Recording', people), { text: '@Recording', mentionIds: [] });
  });

  it('when the input is long and hostile, then the result is still exact', () => {
    const n = 50_000;
    assert.deepEqual(takeTypedMentions('@'.repeat(n), people), { text: '@'.repeat(n), mentionIds: [] });
    const many = '@Rec '.repeat(n);
    assert.deepEqual(takeTypedMentions(many, people), { text: '', mentionIds: ['bot'] });
    const almost = '@Rec Bo '.repeat(n);
    assert.equal(takeTypedMentions(almost, people).text, Array.from({ length: n }, () => 'Bo').join(' '));
  });
});
