/* The demo's chat page: a tiny Webex client for the emulator. Plain browser JavaScript, no build step. */
/* global AdaptiveCards, document, window, fetch, setTimeout, clearTimeout, URLSearchParams */
'use strict';

const API = '/_demo/api';
const POLL_MS = 500;
const ROOMS_POLL_MS = 2000;

const state = {
  bot: { id: '', displayName: '' },
  people: [],
  me: undefined,
  rooms: [],
  room: undefined,
  /** Ids of the messages shown in the current room. */
  shown: new Set(),
  lastId: undefined,
  /** roomId → lastActivity the visitor has seen, for the unread dots. */
  seen: new Map(),
  /** Bumped on every switch, so answers for a previous room or person are dropped. */
  generation: 0,
  waitingForBotSince: 0,
  /** The zone the bot uses for the visitor (their `timezone` setting, else their profile's): times are shown in it. */
  zone: 'UTC',
  /** The bot's sign-in link prefix: such links go through the demo, which signs in as the visitor. */
  signInStart: '',
};

const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------ markdown (escape first, then a small subset)

function escapeHtml(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Inline markdown of one line: `code`, **bold**, *italic*, _italic_, [text](http-url), backslash escapes. */
function inlineMarkdown(source) {
  const held = [];
  const hold = (html) => `\uE000${held.push(html) - 1}\uE000`;
  let s = String(source).replace(/\uE000/g, '');
  // As CommonMark (and Webex): a backslash escapes any ASCII punctuation, e.g. the bot's `\&`.
  s = s.replace(/\\([!-/:-@[-`{-~])/g, (_m, ch) => hold(escapeHtml(ch)));
  s = s.replace(/`([^`]+)`/g, (_m, code) => hold(`<code>${escapeHtml(code)}</code>`));
  s = escapeHtml(s);
  s = s.replace(
    /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g,
    (_m, text, url) => `<a href="${url}" target="_blank" rel="noopener noreferrer">${text}</a>`,
  );
  s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/__([^_]+)__/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^\w*])\*([^*\n]+)\*/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^\w_])_([^_\n]+)_/g, '$1<em>$2</em>');
  return s.replace(/\uE000(\d+)\uE000/g, (_m, i) => held[Number(i)] ?? '');
}

/** Block markdown: paragraphs, `- ` lists (one level of nesting by indentation), ``` fences. Returns safe HTML. */
function markdownToHtml(source) {
  const lines = String(source).replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  let para = [];
  let list = null; // { items: [{ html, sub: [] }] }
  const flushPara = () => {
    if (para.length) out.push(`<p>${para.map(inlineMarkdown).join('<br>')}</p>`);
    para = [];
  };
  const flushList = () => {
    if (!list) return;
    const items = list.items.map(
      (it) =>
        `<li>${it.html}${it.sub.length ? `<ul>${it.sub.map((x) => `<li>${x}</li>`).join('')}</ul>` : ''}</li>`,
    );
    out.push(`<ul>${items.join('')}</ul>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flushPara();
      flushList();
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const item = /^(\s*)[-*] (.*)$/.exec(line);
    if (item) {
      flushPara();
      if (!list) list = { items: [] };
      const last = list.items[list.items.length - 1];
      if (item[1].length >= 2 && last) last.sub.push(inlineMarkdown(item[2]));
      else list.items.push({ html: inlineMarkdown(item[2]), sub: [] });
      continue;
    }
    if (line.trim() === '') {
      flushPara();
      flushList();
      continue;
    }
    flushList();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    para.push(heading ? `**${heading[1]}**` : line);
  }
  flushPara();
  flushList();
  return out.join('');
}

// ------------------------------------------------------------------ helpers

async function api(path, init) {
  const res = await fetch(`${API}${path}`, {
    ...init,
    headers: init && init.body ? { 'content-type': 'application/json' } : undefined,
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function initials(name) {
  return String(name)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
}

const AVATAR_COLOURS = ['#d93829', '#1d805f', '#c25400', '#875ac1', '#0a78cc', '#a9480f'];
function avatar(name, kind, big) {
  const el = document.createElement('div');
  el.className = `avatar${big ? ' big' : ''}${kind === 'bot' ? ' bot' : kind === 'group' ? ' group' : ''}`;
  el.textContent = initials(name);
  if (kind === 'person') {
    let h = 0;
    for (const ch of String(name)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    el.style.background = AVATAR_COLOURS[h % AVATAR_COLOURS.length];
  }
  el.setAttribute('aria-hidden', 'true');
  return el;
}

function timeOf(iso) {
  const zone = state.zone;
  const d = new Date(iso);
  const sameDay =
    new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(d) ===
    new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
  }).format(d);
}

function showError(message) {
  const el = $('error');
  el.textContent = message || '';
  el.hidden = !message;
}

// ------------------------------------------------------------------ Adaptive Cards (Microsoft's reference renderer)

const HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: "'CiscoSansTT Regular', 'Helvetica Neue', Helvetica, Arial, sans-serif",
  spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#DEDEDE' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 22, large: 26, extraLarge: 30 },
  imageSizes: { small: 40, medium: 80, large: 160 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#121212', subtle: '#636363' },
        dark: { default: '#121212', subtle: '#545454' },
        light: { default: '#FFFFFF', subtle: '#EDEDED' },
        accent: { default: '#0A78CC', subtle: '#0A78CC' },
        good: { default: '#1D805F', subtle: '#1D805F' },
        warning: { default: '#C25400', subtle: '#C25400' },
        attention: { default: '#D4371C', subtle: '#D4371C' },
      },
    },
    emphasis: {
      backgroundColor: '#F7F7F7',
      foregroundColors: {
        default: { default: '#121212', subtle: '#636363' },
        accent: { default: '#0A78CC', subtle: '#0A78CC' },
      },
    },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    iconPlacement: 'leftOfTitle',
  },
  adaptiveCard: { allowCustomStyle: false },
};

/** Sign-in links go through the demo, which tells the emulator's Webex who is signing in (the visitor). */
function openUrlTarget(url) {
  if (!state.signInStart || !String(url).startsWith(`${state.signInStart}?`)) return url;
  const params = new URLSearchParams({ personId: state.me.id, link: url });
  return `/_demo/sign-in?${params}`;
}

function renderCard(card, message) {
  const ac = new AdaptiveCards.AdaptiveCard();
  ac.hostConfig = new AdaptiveCards.HostConfig(HOST_CONFIG);
  ac.onExecuteAction = (action) => {
    const type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      window.open(openUrlTarget(action.url), '_blank', 'noopener');
    } else if (type === 'Action.Submit') {
      void submit(action, message);
    }
  };
  ac.parse(card);
  const el = document.createElement('div');
  el.className = 'card';
  const rendered = ac.render();
  if (rendered) el.appendChild(rendered);
  return el;
}

/** Action.Submit goes to the emulator as the visitor (Webex's POST /attachment/actions), which tells the bot. */
async function submit(action, message) {
  const button = action.renderedElement;
  if (button) button.disabled = true;
  showError('');
  try {
    state.waitingForBotSince = Date.now();
    updateTyping();
    await api('/actions', {
      method: 'POST',
      body: JSON.stringify({ personId: state.me.id, messageId: message.id, inputs: action.data || {} }),
    });
  } catch (err) {
    state.waitingForBotSince = 0;
    updateTyping();
    showError(`Could not submit: ${err.message}`);
  } finally {
    if (button) button.disabled = false;
  }
}

// ------------------------------------------------------------------ messages

function renderUserText(message) {
  const el = document.createElement('div');
  el.className = 'msg-text';
  let rest = message.text;
  // A Webex client renders the mentions (which the emulator puts first) as names.
  for (const m of message.mentions) {
    if (rest.startsWith(m.displayName)) {
      const span = document.createElement('span');
      span.className = `mention${m.id === (state.me && state.me.id) ? ' me' : ''}`;
      span.textContent = m.displayName;
      el.appendChild(span);
      el.appendChild(document.createTextNode(' '));
      rest = rest.slice(m.displayName.length).trimStart();
    }
  }
  el.appendChild(document.createTextNode(rest));
  return el;
}

function renderMessage(message) {
  const row = document.createElement('article');
  row.className = `msg${message.personType === 'bot' ? ' from-bot' : ''}`;
  row.dataset.id = message.id;
  row.appendChild(avatar(message.personName, message.personType));
  const body = document.createElement('div');
  body.className = 'msg-body';
  const meta = document.createElement('div');
  meta.className = 'msg-meta';
  const name = document.createElement('b');
  name.textContent = message.personName;
  const time = document.createElement('time');
  time.dateTime = message.created;
  time.textContent = timeOf(message.created);
  meta.append(name, time);
  body.appendChild(meta);
  if (message.card) {
    body.appendChild(renderCard(message.card, message));
  } else if (message.markdown !== undefined) {
    const text = document.createElement('div');
    text.className = 'msg-text';
    text.innerHTML = markdownToHtml(message.markdown); // escaped by markdownToHtml
    body.appendChild(text);
  } else {
    body.appendChild(renderUserText(message));
  }
  row.appendChild(body);
  return row;
}

function nearBottom(el) {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
}

function appendMessages(messages) {
  const list = $('messages');
  const stick = nearBottom(list);
  let mine = false;
  let firstBotRow;
  for (const m of messages) {
    state.lastId = m.id;
    if (state.shown.has(m.id)) continue;
    state.shown.add(m.id);
    const empty = list.querySelector('.empty');
    if (empty) empty.remove();
    const row = renderMessage(m);
    list.appendChild(row);
    if (m.personId === state.me.id) mine = true;
    if (m.personType === 'bot') {
      state.waitingForBotSince = 0;
      firstBotRow = firstBotRow || row;
    }
  }
  if (messages.length && (stick || mine)) {
    // Like a chat client, follow the conversation; but a reply taller than the view is shown from its top.
    const tall = firstBotRow && list.scrollHeight - firstBotRow.offsetTop > list.clientHeight;
    list.scrollTop = tall ? firstBotRow.offsetTop - 8 : list.scrollHeight;
  }
  updateTyping();
}

function updateTyping() {
  const el = $('typing');
  const waiting = state.waitingForBotSince && Date.now() - state.waitingForBotSince < 15000;
  el.hidden = !waiting;
  el.textContent = waiting ? `${state.bot.displayName} is typing…` : '';
}

function showEmpty() {
  const list = $('messages');
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent =
    state.room.type === 'group'
      ? `This is ${state.room.title}. The bot only sees messages that @mention it: start with @${state.bot.displayName}.`
      : `This is your 1:1 space with ${state.bot.displayName}. Ask about your recordings, or pick a suggestion below.`;
  list.appendChild(p);
}

// ------------------------------------------------------------------ rooms and people

/** The people in a space: the bot is a member, but nobody counts it as one of the people. */
function peopleIn(room) {
  return room.members.filter((m) => m.type !== 'bot');
}

function renderRooms() {
  const ul = $('rooms');
  ul.textContent = '';
  for (const room of state.rooms) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.roomId = room.id;
    b.setAttribute('aria-current', String(state.room && state.room.id === room.id));
    const botOnly = room.type === 'direct' && room.members.some((m) => m.id === state.bot.id);
    b.appendChild(avatar(room.title, room.type === 'group' ? 'group' : botOnly ? 'bot' : 'person'));
    const name = document.createElement('span');
    name.className = 'room-name';
    const title = document.createElement('b');
    title.textContent = room.title;
    const sub = document.createElement('small');
    sub.textContent = room.type === 'group' ? `Group · ${peopleIn(room).length} people` : '1:1';
    name.append(title, sub);
    b.appendChild(name);
    const seen = state.seen.get(room.id);
    if (seen !== undefined && room.lastActivity > seen && room.id !== (state.room && state.room.id)) {
      const dot = document.createElement('span');
      dot.className = 'unread';
      dot.title = 'New messages';
      b.appendChild(dot);
    }
    b.addEventListener('click', () => selectRoom(room.id));
    li.appendChild(b);
    ul.appendChild(li);
  }
}

function renderSuggestions() {
  const box = $('suggestions');
  box.textContent = '';
  const group = state.room.type === 'group';
  const prefix = group ? `@${state.bot.displayName} ` : '';
  const examples = group
    ? ['recordings last week topic sync', 'recordings this month', 'help']
    : ['recordings last week', 'recordings today', 'notify me', 'connect', 'help'];
  for (const ex of examples) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = prefix + ex;
    b.addEventListener('click', () => void send(prefix + ex));
    box.appendChild(b);
  }
}

function renderRoomSub() {
  const room = state.room;
  if (!room) return;
  $('room-sub').textContent =
    room.type === 'group'
      ? `Group space · ${peopleIn(room)
          .map((m) => m.displayName)
          .join(', ')} · @mention ${state.bot.displayName} to ask it · times in ${state.zone}`
      : `1:1 space with the bot · times in ${state.zone}`;
}

/** The visitor's zone changed (they told the bot `timezone …`): every time on the page follows. */
function setZone(zone) {
  if (!zone || zone === state.zone) return;
  state.zone = zone;
  renderRoomSub();
  for (const t of document.querySelectorAll('#messages time[datetime]')) t.textContent = timeOf(t.dateTime);
}

async function selectRoom(roomId) {
  const room = state.rooms.find((r) => r.id === roomId) || state.rooms[0];
  if (!room) return;
  state.generation++;
  state.room = room;
  state.shown = new Set();
  state.lastId = undefined;
  state.waitingForBotSince = 0;
  state.seen.set(room.id, room.lastActivity);
  $('messages').textContent = '';
  $('room-title').textContent = room.title;
  const header = $('room-avatar');
  const replacement = avatar(room.title, room.type === 'group' ? 'group' : 'bot', true);
  replacement.id = 'room-avatar';
  header.replaceWith(replacement);
  renderRoomSub();
  $('input').placeholder =
    room.type === 'group'
      ? `Write a message to ${room.title} (start with @${state.bot.displayName})`
      : `Write a message to ${room.title}`;
  renderRooms();
  renderSuggestions();
  showError('');
  await pollMessages(true);
  $('input').focus();
}

async function selectPerson(personId) {
  const me = state.people.find((p) => p.id === personId) || state.people[0];
  state.me = me;
  $('person').value = me.id;
  $('person-zone').textContent = `Profile time zone: ${me.timezone || 'none (the bot uses UTC)'}`;
  state.seen = new Map();
  state.room = undefined;
  const { rooms, timeZone } = await api(`/people/${encodeURIComponent(me.id)}/rooms`);
  state.rooms = rooms;
  state.zone = timeZone || me.timezone || 'UTC';
  for (const r of rooms) state.seen.set(r.id, r.lastActivity);
  await selectRoom(rooms[0] && rooms[0].id);
}

// ------------------------------------------------------------------ polling

async function pollMessages(first) {
  if (!state.room || !state.me) return;
  const generation = state.generation;
  const params = new URLSearchParams({ personId: state.me.id });
  if (state.lastId) params.set('after', state.lastId);
  try {
    const { messages } = await api(`/rooms/${encodeURIComponent(state.room.id)}/messages?${params}`);
    if (generation !== state.generation) return;
    if (first && messages.length === 0) showEmpty();
    appendMessages(messages);
  } catch (err) {
    if (generation === state.generation) showError(`Lost the emulator: ${err.message}`);
  }
}

async function pollRooms() {
  if (!state.me) return;
  const me = state.me;
  try {
    const { rooms, timeZone } = await api(`/people/${encodeURIComponent(me.id)}/rooms`);
    if (me !== state.me) return;
    state.rooms = rooms;
    setZone(timeZone);
    if (state.room) {
      const current = rooms.find((r) => r.id === state.room.id);
      if (current) state.seen.set(current.id, current.lastActivity);
    }
    renderRooms();
  } catch {
    // pollMessages reports a lost emulator
  }
}

function loop(fn, ms) {
  const tick = async () => {
    await fn();
    setTimeout(tick, ms);
  };
  setTimeout(tick, ms);
}

// ------------------------------------------------------------------ composer

async function send(text) {
  const trimmed = String(text).trim();
  if (!trimmed || !state.room) return;
  showError('');
  const input = $('input');
  $('send').disabled = true;
  // Set before sending: the bot may well answer before the POST returns.
  state.waitingForBotSince = state.room.type === 'direct' || trimmed.includes('@') ? Date.now() : 0;
  try {
    const { message } = await api(`/rooms/${encodeURIComponent(state.room.id)}/messages`, {
      method: 'POST',
      body: JSON.stringify({ personId: state.me.id, text: trimmed }),
    });
    input.value = '';
    autoGrow();
    const toBot = state.room.type === 'direct' || message.mentions.some((m) => m.id === state.bot.id);
    if (!toBot) state.waitingForBotSince = 0;
    await pollMessages(false);
    if (!state.shown.has(message.id)) appendMessages([message]);
  } catch (err) {
    state.waitingForBotSince = 0;
    updateTyping();
    showError(`Could not send: ${err.message}`);
  } finally {
    $('send').disabled = false;
  }
}

function autoGrow() {
  const input = $('input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
}

/** The @mention menu: in group spaces, typing "@" offers the space's members, as Webex does. */
const mentionMenu = { open: false, items: [], index: 0, start: 0 };

function mentionQuery() {
  const input = $('input');
  const upto = input.value.slice(0, input.selectionStart);
  const m = /(^|\s)@([^\s@]*)$/.exec(upto);
  return m ? { query: m[2].toLowerCase(), start: upto.length - m[2].length - 1 } : undefined;
}

function updateMentionMenu() {
  const menu = $('mention-menu');
  const q = state.room && state.room.type === 'group' ? mentionQuery() : undefined;
  const candidates = q
    ? state.room.members
        .filter((m) => m.id !== state.me.id)
        .filter(
          (m) =>
            m.displayName.toLowerCase().startsWith(q.query) || m.firstName.toLowerCase().startsWith(q.query),
        )
        .sort((a, b) => Number(b.type === 'bot') - Number(a.type === 'bot'))
    : [];
  mentionMenu.open = candidates.length > 0;
  mentionMenu.items = candidates;
  mentionMenu.index = Math.min(mentionMenu.index, Math.max(0, candidates.length - 1));
  mentionMenu.start = q ? q.start : 0;
  menu.hidden = !mentionMenu.open;
  menu.textContent = '';
  candidates.forEach((m, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('role', 'option');
    b.setAttribute('aria-selected', String(i === mentionMenu.index));
    b.appendChild(avatar(m.displayName, m.type === 'bot' ? 'bot' : 'person'));
    b.appendChild(document.createTextNode(m.displayName));
    b.addEventListener('mousedown', (e) => {
      e.preventDefault();
      insertMention(m);
    });
    menu.appendChild(b);
  });
}

function insertMention(member) {
  const input = $('input');
  const before = input.value.slice(0, mentionMenu.start);
  const after = input.value.slice(input.selectionStart);
  input.value = `${before}@${member.displayName} ${after.trimStart()}`;
  const caret = before.length + member.displayName.length + 2;
  input.setSelectionRange(caret, caret);
  mentionMenu.open = false;
  $('mention-menu').hidden = true;
  input.focus();
}

function wireComposer() {
  const input = $('input');
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    void send(input.value);
  });
  input.addEventListener('input', () => {
    autoGrow();
    updateMentionMenu();
  });
  input.addEventListener('keydown', (e) => {
    if (mentionMenu.open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = mentionMenu.items.length;
        mentionMenu.index = (mentionMenu.index + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        updateMentionMenu();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const m = mentionMenu.items[mentionMenu.index];
        if (m) insertMention(m);
        return;
      }
      if (e.key === 'Escape') {
        mentionMenu.open = false;
        $('mention-menu').hidden = true;
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send(input.value);
    }
  });
  input.addEventListener('blur', () => {
    const t = setTimeout(() => ($('mention-menu').hidden = true), 150);
    input.addEventListener('focus', () => clearTimeout(t), { once: true });
  });
}

// ------------------------------------------------------------------ end a meeting with a recording

/** Plays Webex when a recorded meeting ends: the recording becomes ready and the recordings webhooks fire. */
function wireMeetingControl() {
  const form = $('end-meeting');
  const status = $('meeting-status');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    const topic = $('meeting-topic').value.trim();
    if (!topic) {
      status.textContent = 'Give the meeting a topic.';
      return;
    }
    button.disabled = true;
    status.textContent = '';
    try {
      const { recording } = await api('/meetings/end', {
        method: 'POST',
        body: JSON.stringify({ hostId: $('meeting-host').value, topic }),
      });
      status.textContent = `“${recording.topic}” is recorded and ready: Webex told the bot.`;
    } catch (err) {
      status.textContent = `Could not end the meeting: ${err.message}`;
    } finally {
      button.disabled = false;
    }
  });
  $('person').addEventListener('change', () => ($('meeting-host').value = $('person').value));
  // On a phone the chat needs the room: the control starts folded.
  if (window.matchMedia && window.matchMedia('(max-width: 720px)').matches) $('end-meeting-box').open = false;
}

// ------------------------------------------------------------------ start

async function start() {
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdownToHtml(text);
    result.didProcess = true;
  };
  const { bot, people, signInStart } = await api('/state');
  state.bot = bot;
  state.people = people;
  state.signInStart = signInStart || '';
  const select = $('person');
  const host = $('meeting-host');
  for (const p of people) {
    const o = document.createElement('option');
    o.value = p.id;
    o.textContent = p.displayName;
    select.appendChild(o);
    host.appendChild(o.cloneNode(true));
  }
  select.addEventListener('change', () => void selectPerson(select.value));
  wireComposer();
  wireMeetingControl();
  await selectPerson(people[0] && people[0].id);
  host.value = state.me.id;
  loop(() => pollMessages(false), POLL_MS);
  loop(pollRooms, ROOMS_POLL_MS);
  document.body.dataset.ready = 'true';
}

start().catch((err) => showError(`The demo could not start: ${err.message}`));
