// An SBOM's components as a table the reader can filter, sort and page through, and its original document to
// download. The components of a build's SBOMs are read all at once (1,000 a request), then filtered and sorted here:
// a build's SBOMs hold thousands of components, not millions.
import { call, graphql } from './api.js';
import { failure, h } from './dom.js';

const READ = 1000;
const PAGE = 25;
const QUERY = `query Components($name: String!, $version: String!, $release: String!, $platform_id: String!,
  $package: String!, $after: String) {
  provenance(name: $name, version: $version, release: $release, platform_id: $platform_id, package: $package) {
    sboms { id components(first: ${READ}, after: $after) { name group version type purl licenses } }
  }
}`;
const COLUMNS = [['name', 'Name'], ['group', 'Group'], ['version', 'Version'], ['type', 'Type'],
  ['licenses', 'Licenses'], ['purl', 'Package URL']];

/** Every component of each of the build's SBOMs, by SBOM id. */
export async function componentsOf(nvrpp, sboms) {
  const all = new Map(sboms.map(sbom => [sbom.id, []]));
  const most = Math.max(0, ...sboms.map(sbom => sbom.component_count));
  for (let read = 0; read < most; read += READ) {
    const answer = await graphql(QUERY, { ...nvrpp, after: String(read) });
    for (const sbom of answer.provenance.sboms) all.get(sbom.id)?.push(...sbom.components);
  }
  return all;
}

/** The table of these components: a filter, sortable columns, 25 rows a page. */
export function componentTable(components, label) {
  const state = { filter: '', sort: 'name', descending: false, page: 0 };
  const body = h('tbody');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'secondary', onclick: () => turn(-1) }, '← Previous');
  const next = h('button', { type: 'button', class: 'secondary', onclick: () => turn(1) }, 'Next →');
  const headers = COLUMNS.map(([key, text]) => h('th', { scope: 'col' },
    h('button', { type: 'button', class: 'sort', onclick: () => sortBy(key) }, text)));
  const filter = h('input', { type: 'search', id: 'filter-' + label.replace(/\W+/g, '-'), class: 'filter',
    placeholder: 'name, group, version, license, purl' });
  filter.addEventListener('input', () => {
    state.filter = filter.value.trim().toLowerCase();
    state.page = 0;
    draw();
  });

  function rows() {
    const matching = state.filter === '' ? components : components.filter(component =>
      COLUMNS.some(([key]) => text(component, key).toLowerCase().includes(state.filter)));
    const order = state.descending ? -1 : 1;
    return [...matching].sort((a, b) => order * text(a, state.sort).localeCompare(text(b, state.sort), undefined,
      { numeric: true }));
  }

  function draw() {
    const all = rows();
    const pages = Math.max(1, Math.ceil(all.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const shown = all.slice(state.page * PAGE, (state.page + 1) * PAGE);
    body.replaceChildren(...shown.map(component => h('tr', null, COLUMNS.map(([key]) => h('td', null,
      text(component, key))))));
    headers.forEach((th, i) => th.setAttribute('aria-sort', COLUMNS[i][0] !== state.sort ? 'none'
      : state.descending ? 'descending' : 'ascending'));
    status.textContent = all.length === 0 ? 'No component matches.'
      : `Components ${state.page * PAGE + 1}–${state.page * PAGE + shown.length} of ${all.length}`
        + (all.length < components.length ? ` (filtered from ${components.length})` : '')
        + `, by ${COLUMNS.find(([key]) => key === state.sort)[1].toLowerCase()}`
        + (state.descending ? ', descending' : '');
    previous.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
  }

  function sortBy(key) {
    state.descending = state.sort === key ? !state.descending : false;
    state.sort = key;
    draw();
  }

  function turn(by) {
    state.page += by;
    draw();
  }

  draw();
  return h('div', { class: 'components' },
    h('div', { class: 'field' }, h('label', { for: filter.id }, 'Filter components'), filter),
    h('div', { class: 'scroll', role: 'region', 'aria-label': label, tabindex: '0' },
      h('table', null, h('caption', null, label), h('thead', null, h('tr', null, headers)), body)),
    h('div', { class: 'pages' }, previous, status, next));
}

function text(component, key) {
  const value = component[key];
  return Array.isArray(value) ? value.join(', ') : value ?? '';
}

/**
 * A link to the document as posted (GET /api/v1/sboms/{id}); clicked, it is fetched with the session's token and
 * saved, since a plain link would go without the Authorization header.
 */
export function downloadLink(sbom) {
  const href = '/api/v1/sboms/' + encodeURIComponent(sbom.id);
  const link = h('a', { href, download: 'sbom-' + sbom.id }, 'Download the original document');
  link.addEventListener('click', async event => {
    event.preventDefault();
    try {
      const response = await call(href, { raw: true });
      const type = response.headers.get('Content-Type') ?? '';
      const saved = h('a', { href: URL.createObjectURL(await response.blob()),
        download: `sbom-${sbom.id}.${type.includes('xml') ? 'xml' : 'json'}` });
      saved.click();
      setTimeout(() => URL.revokeObjectURL(saved.href), 60000);
    } catch (error) {
      link.after(failure(error));
    }
  });
  return link;
}
