// The console's frame: which view the address (#/view?params) names, the session's role in the header, and the token
// dialog's Cancel. Each view is a module whose show(params, context) returns the element it draws into; a view that
// keeps something open (the live stream) stops it when context.signal aborts, i.e. when the reader goes elsewhere.
import { forgetToken, hasToken, whoami } from './api.js';
import { failure, h, replace } from './dom.js';
import * as search from './search.js';
import * as build from './build.js';
import * as pkg from './package.js';
import * as compare from './compare.js';
import * as receivers from './receivers.js';
import * as deadLetters from './dead-letters.js';
import * as live from './live.js';

const VIEWS = { search, build, package: pkg, compare, receivers, 'dead-letters': deadLetters, live };
const main = document.getElementById('main');
const session = document.getElementById('session');
let leaving = null;

async function show() {
  const view = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  // an anchor in the page (the skip link) names no view: the one shown stays, or Search on arriving
  if (view === '' && location.hash !== '' && main.dataset.view !== undefined) return;
  const [path, query] = (view || 'search').split('?');
  leaving?.abort();
  leaving = new AbortController();
  const signal = leaving.signal;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === '#/' + path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const arrived = main.dataset.view !== undefined; // the first view of a visit leaves the focus where it is
  main.dataset.view = path;
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    showSession(await whoami());
  } catch (error) {
    showSession(null); // no token given, or a refused one: the view says why
    if (!signal.aborted) main.replaceChildren(failure(error));
    return;
  }
  if (signal.aborted) return;
  try {
    const content = VIEWS[path] ? await VIEWS[path].show(new URLSearchParams(query ?? ''), { signal })
      : notFound(path);
    if (signal.aborted) return;
    main.replaceChildren(content);
    document.title = (content.querySelector('h2')?.textContent ?? 'Console') + ' — Event Provenance Registry';
    if (arrived) content.querySelector('h2')?.focus();
  } catch (error) {
    if (!signal.aborted) main.replaceChildren(failure(error));
  }
}

function notFound(path) {
  return h('section', null, h('h2', null, 'Not found'),
    h('p', null, `The console has no view "${path}". `, h('a', { href: '#/search' }, 'Search the registry')));
}

/** The role in the header, with a button to enter another token (or one, if the server asked and none was given). */
function showSession(who) {
  const text = who == null ? 'No token' : who.access_control ? `Role: ${who.role}` : 'No access control';
  replace(session, h('span', { class: 'role' }, text),
    who?.access_control === false ? null : h('button', { type: 'button', class: 'secondary', onclick: changeToken },
      hasToken() ? 'Change token' : 'Enter token'));
}

function changeToken() {
  forgetToken();
  show();
}

window.addEventListener('hashchange', show);
document.getElementById('token-cancel').addEventListener('click', () =>
  document.getElementById('token-dialog').close());
show();
