// What every view draws with. Elements are built from data without ever parsing data as HTML (no innerHTML), so a
// receiver named "<script>" shows as written; and the NVRPP, times and outcomes read the same on every page.

/**
 * An element: h('a', {href: '#/x', class: 'c', onclick: f}, 'text', child, [more]). Null or false attributes and
 * children are left out; attributes named on… are listeners.
 */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'value' || name === 'checked') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

/** The element with these children in place of its own (null and false left out, arrays flattened). */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== false) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** The five fields that name an artifact, in their order, with the labels the forms show. */
export const NVRPP = [['name', 'Name'], ['version', 'Version'], ['release', 'Release'], ['platform_id', 'Platform'],
  ['package', 'Package']];

/** The NVRPP in these fields (URLSearchParams or an object), or null when one is missing. */
export function nvrppOf(fields) {
  const get = key => (fields instanceof URLSearchParams ? fields.get(key) : fields[key]) ?? '';
  const nvrpp = Object.fromEntries(NVRPP.map(([key]) => [key, get(key)]));
  return Object.values(nvrpp).every(value => value !== '') ? nvrpp : null;
}

/** The NVRPP as query parameters, as the build page's address carries it. */
export function nvrppQuery(nvrpp) {
  return new URLSearchParams(NVRPP.map(([key]) => [key, nvrpp[key]])).toString();
}

export function nvrppText(nvrpp) {
  return NVRPP.map(([key]) => nvrpp[key]).join(' · ');
}

/** A link to the build's page, showing its NVRPP. */
export function buildLink(nvrpp, text) {
  return h('a', { href: '#/build?' + nvrppQuery(nvrpp), class: 'nvrpp' }, text ?? nvrppText(nvrpp));
}

/** A time as the reader's locale writes it, its RFC 3339 text in the element (and shown on hover). */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, date.toLocaleString(undefined,
    { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }));
}

/** How many, with the noun it counts: count(1, 'event') is "1 event", count(2, 'event') "2 events". */
export function count(n, noun, plural = noun + 's') {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** Succeeded or failed in words and a sign, not in colour alone. */
export function outcome(success) {
  return success ? h('span', { class: 'badge ok' }, '✓ success') : h('span', { class: 'badge bad' }, '✗ failure');
}

export function badge(kind, text) {
  return h('span', { class: 'badge ' + kind }, text);
}

/**
 * A table that scrolls sideways on its own on a narrow screen (reachable by keyboard), with a caption.
 * columns: [{label, cell: row => node|text}]
 */
export function table(caption, columns, rows) {
  return h('div', { class: 'scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    h('table', null,
      h('caption', null, caption),
      h('thead', null, h('tr', null, columns.map(column => h('th', { scope: 'col' }, column.label)))),
      h('tbody', null, rows.map(row => h('tr', null, columns.map(column => h('td', null, column.cell(row))))))));
}

/** A text field with its label; extra attributes go to the input. */
export function field(label, name, value, attrs) {
  const id = 'f-' + name + '-' + (++fields);
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name, value: value ?? '', ...attrs }));
}
let fields = 0;

/** A message that the server's answer was an error, in its own words. */
export function failure(error) {
  const messages = error?.messages ?? [String(error?.message ?? error)];
  return h('div', { class: 'error', role: 'alert' }, messages.length === 1 ? messages[0]
    : h('ul', null, messages.map(message => h('li', null, message))));
}

/** The view's heading, focused on arrival so that a keyboard or screen reader user starts there. */
export function heading(text) {
  return h('h2', { tabindex: '-1', class: 'view-title' }, text);
}

/** The form, which on submit goes to the view with the form's non-empty fields as the address's parameters. */
export function leadsTo(view, form) {
  form.addEventListener('submit', event => {
    event.preventDefault();
    go(`#/${view}?` + new URLSearchParams([...new FormData(form)].filter(([, value]) => value !== '')));
  });
  return form;
}

/** A receiver as its name and, smaller, its type. */
export function receiverName(receiver) {
  return [receiver.name, ' ', h('span', { class: 'type' }, receiver.type)];
}

/** The event's receiver, whether GraphQL (event_receiver) or REST (EventReceiver) rendered it. */
export function receiverOf(event) {
  return event.event_receiver ?? event.EventReceiver ?? {};
}

/** Goes to the view at this address; the same address again shows the view again (a search repeated). */
export function go(address) {
  if (location.hash === address) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = address;
}
