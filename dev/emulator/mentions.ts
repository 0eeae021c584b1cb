/**
 * Turns Webex mention markup (`<@personId:ID|Name>`, `<@personEmail:a@b.c|Name>`, `<@all>`) and a small
 * Markdown subset into what Webex stores: plain `text`, rendered `html` with `<spark-mention>` tags, and the
 * `mentionedPeople` / `mentionedGroups` lists. Webex's renderer is richer; bots only rely on the mention
 * structure and the plain text, which is what this reproduces. The mentions are found by the bot's own parser
 * (src/core/mentions.ts), so the emulator and the bot cannot disagree on what a mention is.
 */
import { splitMentions } from '../../src/core/mentions.js';

export interface MentionTarget {
  id: string;
  displayName: string;
}

export type MentionResolver = (kind: 'personId' | 'personEmail', value: string) => MentionTarget | undefined;

export interface RenderedMessage {
  text: string;
  html: string;
  mentionedPeople: string[];
  mentionedGroups: string[];
}

/** True when the text holds mention markup a sender wrote (`<@personId:…>`, `<@personEmail:…>`, `<@all>`). */
export function containsMentionMarkup(source: string): boolean {
  return splitMentions(source).some((p) => p.kind !== 'text' && p.form === 'markup');
}

export function renderMessage(source: string, resolve: MentionResolver): RenderedMessage {
  const mentionedPeople: string[] = [];
  const mentionedGroups: string[] = [];
  let text = '';
  let html = '';
  const literal = (s: string) => {
    text += markdownToText(s);
    html += markdownToHtml(s);
  };
  for (const part of splitMentions(source)) {
    // Html a sender typed is text to Webex: only markup makes a mention.
    if (part.kind === 'text' || part.form === 'html') {
      literal(part.kind === 'text' ? part.text : part.source);
      continue;
    }
    if (part.kind === 'all') {
      if (!mentionedGroups.includes('all')) mentionedGroups.push('all');
      text += 'All';
      html += '<spark-mention data-object-type="groupMention" data-group-type="all">All</spark-mention>';
      continue;
    }
    const target = resolve(part.by === 'email' ? 'personEmail' : 'personId', part.value);
    if (!target) {
      // Webex leaves markup it cannot resolve as literal text.
      text += part.source;
      html += escapeHtml(part.source);
      continue;
    }
    const name = part.name || target.displayName;
    if (!mentionedPeople.includes(target.id)) mentionedPeople.push(target.id);
    text += name;
    html += `<spark-mention data-object-type="person" data-object-id="${escapeHtml(target.id)}">${escapeHtml(name)}</spark-mention>`;
  }
  return { text: text.trim(), html: wrapParagraphs(html), mentionedPeople, mentionedGroups };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function markdownToText(s: string): string {
  return s
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|[^\w*])\*([^*\n]+)\*/g, '$1$2')
    .replace(/(^|[^\w_])_([^_\n]+)_/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

function markdownToHtml(s: string): string {
  return escapeHtml(s)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2" alt="$2" onclick="return false;">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/__([^_]+)__/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*([^*\n]+)\*/g, '$1<em>$2</em>')
    .replace(/(^|[^\w_])_([^_\n]+)_/g, '$1<em>$2</em>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

function wrapParagraphs(html: string): string {
  const paragraphs = html
    .trim()
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) return '<p></p>';
  return paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`).join('');
}
