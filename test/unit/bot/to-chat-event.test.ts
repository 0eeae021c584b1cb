import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameworkBot, FrameworkTrigger } from '../../../src/bot/framework-types.js';
import { toChatEvent } from '../../../src/bot/to-chat-event.js';

const BOT = { id: 'bot', displayName: 'Rec Bot', firstName: 'Rec' };
const space = (isDirect: boolean): FrameworkBot => ({
  id: 'f',
  room: { id: 'r1' } as FrameworkBot['room'],
  isDirect,
});
const ann = { id: 'ann', emails: ['ann@example.com'], displayName: 'Ann' };

describe('toChatEvent (the framework’s trigger as our ChatEvent)', () => {
  it('when a 1:1 message arrives, then its whitespace is collapsed and the sender’s first email is used', () => {
    const trigger: FrameworkTrigger = {
      type: 'message',
      id: 'm1',
      personId: 'ann',
      person: ann,
      message: {
        id: 'm1',
        roomId: 'r1',
        text: '  recordings \n last   week ',
        personEmail: 'other@example.com',
        personId: 'ann',
      },
    };
    assert.deepEqual(toChatEvent('message', space(true), trigger, BOT), {
      kind: 'message',
      messageId: 'm1',
      roomId: 'r1',
      roomType: 'direct',
      personId: 'ann',
      personEmail: 'ann@example.com',
      person: ann,
      text: 'recordings last week',
    });
  });

  it('when a group message mentions the bot, then the mention is removed', () => {
    const trigger: FrameworkTrigger = {
      type: 'message',
      id: 'm2',
      personId: 'ann',
      person: { id: 'ann', emails: [], displayName: 'Ann' },
      message: {
        id: 'm2',
        roomId: 'r1',
        text: 'Rec Bot help',
        personEmail: 'ann@example.com',
        personId: 'ann',
      },
    };
    const event = toChatEvent('message', space(false), trigger, BOT);
    assert.equal(event?.kind === 'message' && event.text, 'help');
    assert.equal(event?.roomType, 'group');
    assert.equal(event?.personEmail, 'ann@example.com', 'the message’s email when the person has none');
  });

  it('when a card button is pressed, then the inputs come through (empty when absent)', () => {
    const trigger: FrameworkTrigger = {
      type: 'attachmentAction',
      id: 'a1',
      personId: 'ann',
      person: ann,
      attachmentAction: { id: 'a1', messageId: 'card', roomId: 'r1', type: 'submit', personId: 'ann' },
    } as FrameworkTrigger;
    const event = toChatEvent('attachmentAction', space(true), trigger, BOT);
    assert.equal(event?.kind, 'action');
    assert.deepEqual(event?.kind === 'action' && event.inputs, {});
  });

  it('when the trigger lacks what its event name promises, then there is no event', () => {
    const trigger = { type: 'message', id: 'x', personId: 'ann', person: ann } as FrameworkTrigger;
    assert.equal(toChatEvent('message', space(true), trigger, BOT), undefined);
    assert.equal(toChatEvent('attachmentAction', space(true), trigger, BOT), undefined);
  });
});
