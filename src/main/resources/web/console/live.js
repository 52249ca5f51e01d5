// Live: events appear as they are committed, without reloading. The server-sent event stream GET /api/v1/events/live
// is read with fetch() rather than EventSource, which cannot send the Authorization header. The stream stops when the
// reader leaves the view; when the server ends it (a restart, or this reader falling behind), the view says so and
// offers to reconnect.
import { call } from './api.js';
import { buildLink, failure, h, heading, outcome, receiverName, receiverOf, time } from './dom.js';

const KEPT = 200;

export async function show(params, { signal }) {
  const state = h('div', { class: 'status', role: 'status' }, 'Connecting…');
  const list = h('ol', { class: 'live', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const empty = h('p', { class: 'empty' }, 'Waiting for events. Each event recorded from now on appears here.');
  let held = null; // while paused: the events that arrived, shown on resuming
  const pause = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false' }, 'Pause');
  pause.addEventListener('click', () => {
    const waiting = held;
    held = waiting ? null : [];
    pause.setAttribute('aria-pressed', String(held !== null));
    waiting?.forEach(arrived);
  });
  const reconnect = h('button', { type: 'button', hidden: true }, 'Reconnect');
  const view = h('section', null, heading('Live'), h('div', { class: 'actions' }, state, pause, reconnect), empty,
    list);

  const arrived = event => {
    if (held) {
      held.push(event);
      if (held.length > KEPT) held.shift();
      return;
    }
    empty.remove();
    list.prepend(h('li', null, time(event.created_at), ' ', outcome(event.success), ' ', buildLink(event), ' ',
      receiverName(receiverOf(event)), h('span', { class: 'description' }, event.description)));
    while (list.children.length > KEPT) list.lastElementChild.remove();
  };
  const listen = async () => {
    reconnect.hidden = true;
    state.textContent = 'Connecting…';
    try {
      const response = await call('/api/v1/events/live', { raw: true, signal });
      state.textContent = 'Connected: new events appear at the top.';
      const ended = await read(response.body, arrived);
      state.textContent = ended === 'overflow'
        ? 'The server stopped the stream: events came faster than this page took them.'
        : 'The server ended the stream.';
    } catch (error) {
      if (signal.aborted) return;
      state.replaceChildren(failure(error));
    }
    reconnect.hidden = false;
  };
  reconnect.addEventListener('click', listen);
  listen();
  return view;
}

/**
 * Reads a text/event-stream to its end, handing each `event: event` message's data (an event as JSON) to arrived;
 * comments (the keepalives) are skipped. Returns the name of the last message when it was not an event.
 */
async function read(body, arrived) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return last;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of message.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const key = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (key === 'event') name = text;
        else if (key === 'data') data.push(text);
      }
      if (name !== 'event') last = name;
      else if (data.length > 0) arrived(JSON.parse(data.join('\n')));
    }
  }
}
