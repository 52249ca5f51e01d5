// Every call the console makes goes through here: to this server only, with the browser session's token as a bearer
// token. A 401 is answered by asking for the token (once per browser session: it is kept in sessionStorage) and
// trying again; any other error becomes an ApiError carrying the server's own messages.

const TOKEN = 'epr.console.token';
const ROLES = ['read', 'write', 'admin'];
let asking = null;
/** What GET /api/v1/whoami said of the session's token; asked again once the token changes. */
let who = null;

/** A refused or failed call: the HTTP status and the server's messages. */
export class ApiError extends Error {
  constructor(status, messages) {
    super(messages.join('; '));
    this.status = status;
    this.messages = messages;
  }
}

/**
 * Calls the API; returns the parsed JSON (or, with raw, the Response). body: sent as JSON. On 401, asks for a token
 * and tries again with it.
 */
export async function call(path, { method = 'GET', body, signal, raw = false } = {}) {
  for (;;) {
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN);
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
    if (response.status === 401) {
      await askForToken(await errorsOf(response));
      continue;
    }
    if (!response.ok) throw new ApiError(response.status, await errorsOf(response));
    return raw ? response : response.json();
  }
}

/** Runs a GraphQL query; its data, or an ApiError with GraphQL's messages. */
export async function graphql(query, variables, signal) {
  const answer = await call('/api/v1/graphql/query', { method: 'POST', body: { query, variables }, signal });
  if (answer.errors?.length) throw new ApiError(200, answer.errors.map(error => error.message ?? String(error)));
  return answer.data;
}

/**
 * Whether access control is on and the role of this browser session's token, as the server says (GET
 * /api/v1/whoami): {access_control, role}, role read, write or admin.
 */
export async function whoami() {
  who ??= (await call('/api/v1/whoami')).data;
  return who;
}

/** Whether the session's role may do what needs {@code needed} (the server refuses it anyway). */
export function may(needed) {
  return ROLES.indexOf(who?.role) >= ROLES.indexOf(needed);
}

/** Forgets the token, so that the next call asks for one. */
export function forgetToken() {
  sessionStorage.removeItem(TOKEN);
  who = null;
}

export function hasToken() {
  return sessionStorage.getItem(TOKEN) !== null;
}

async function errorsOf(response) {
  const text = await response.text();
  try {
    const errors = JSON.parse(text).errors;
    if (Array.isArray(errors) && errors.length) return errors.map(error => error.message ?? String(error));
  } catch {
    // not EPR's envelope: the status and the text say what went wrong
  }
  return [`${response.status} ${response.statusText}${text ? ': ' + text.trim().slice(0, 300) : ''}`];
}

/**
 * Shows the token dialog with why a token is needed; resolves once one is entered, rejects when the dialog is closed
 * without one (Escape, Cancel). Calls waiting at the same time share the one dialog.
 */
function askForToken(messages) {
  asking ??= new Promise((resolve, reject) => {
    const dialog = document.getElementById('token-dialog');
    const form = dialog.querySelector('form');
    const input = dialog.querySelector('input');
    dialog.querySelector('.why').textContent = messages.join('; ');
    input.value = '';
    let entered = false;
    const submitted = event => {
      event.preventDefault();
      entered = input.value.trim() !== '';
      if (entered) dialog.close();
    };
    form.addEventListener('submit', submitted);
    dialog.addEventListener('close', () => {
      form.removeEventListener('submit', submitted);
      asking = null;
      if (entered) {
        sessionStorage.setItem(TOKEN, input.value.trim());
        who = null;
        resolve();
      } else {
        reject(new ApiError(401, messages));
      }
    }, { once: true });
    dialog.showModal();
    input.focus();
  });
  return asking;
}
