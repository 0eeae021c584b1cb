import { splitMentions } from '../core/mentions.js';
import type { WebexPerson } from '../webex/types.js';

const MAX_BOT_MENTIONS_REMOVED = 8;

/** The uuid inside a Webex id (base64 of ciscospark://us/PEOPLE/<uuid>), or the id itself. */
export function uuidOfWebexId(id: string): string {
  try {
    const decoded = Buffer.from(id, 'base64').toString('utf8');
    const m = /^ciscospark:\/\/[^/]+\/[A-Z_]+\/(.+)$/.exec(decoded);
    return m?.[1] ?? id;
  } catch {
    return id;
  }
}

/**
 * Removes the bot's @mention from a group-space message, so "RecBot recordings today" reads "recordings today".
 * Uses the html mention markup when present (display names can be shortened or contain spaces), and falls back to the
 * bot's names at the start of the text.
 */
export function stripBotMention(
  message: { text?: string; html?: string },
  bot: Pick<WebexPerson, 'id' | 'displayName' | 'firstName' | 'nickName'>,
): string {
  let text = (message.text ?? '').replace(/\s+/g, ' ').trim();
  const botUuid = uuidOfWebexId(bot.id);
  const mentionedAs: string[] = [];
  // Webex puts an @mention into `html` as a spark-mention tag whose data-object-id is the person's id (or its uuid).
  for (const part of splitMentions(message.html ?? '')) {
    if (part.kind !== 'person' || part.form !== 'html') continue;
    const objectId = part.value;
    if (objectId === bot.id || objectId === botUuid || uuidOfWebexId(objectId) === botUuid)
      mentionedAs.push(part.name);
  }
  // Each removal scans the text, so a message with hundreds of bot mentions would cost hundreds of scans: a person
  // never needs more than a few.
  for (const name of mentionedAs.slice(0, MAX_BOT_MENTIONS_REMOVED)) {
    if (!name) continue;
    const idx = text.indexOf(name);
    if (idx >= 0) text = `${text.slice(0, idx)} ${text.slice(idx + name.length)}`;
  }
  if (mentionedAs.length === 0) {
    const names = [bot.displayName, bot.nickName, bot.firstName, bot.displayName?.split(' ')[0]]
      .filter((n): n is string => Boolean(n))
      .sort((a, b) => b.length - a.length);
    for (const name of names) {
      if (text.toLowerCase().startsWith(name.toLowerCase())) {
        text = text.slice(name.length);
        break;
      }
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}
