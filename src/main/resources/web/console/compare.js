// Compare two builds: the components B added, removed and changed (version, licenses) against A, and the events
// each has that the other has not. The address names each build by its NVRPP's query (#/compare?a=…&b=…), as the
// build page links to it.
import { graphql } from './api.js';
import { buildLink, count, failure, field, go, h, heading, NVRPP, nvrppOf, nvrppQuery, outcome, receiverName,
  receiverOf, table, time } from './dom.js';

const EVENT = 'id description success created_at event_receiver { name type }';
const CHANGE = 'name group purl a_version b_version a_licenses b_licenses';
const QUERY = `query Compare($a: NvrppInput!, $b: NvrppInput!) {
  compare(a: $a, b: $b) {
    added { ${CHANGE} } removed { ${CHANGE} } changed { ${CHANGE} }
    events_only_in_a { ${EVENT} } events_only_in_b { ${EVENT} }
  }
}`;

export async function show(params) {
  const a = nvrppOf(new URLSearchParams(params.get('a') ?? ''));
  const b = nvrppOf(new URLSearchParams(params.get('b') ?? ''));
  const view = h('section', null, heading('Compare two builds'), compareForm(params));
  if (!a || !b) return view;
  try {
    const comparison = (await graphql(QUERY, { a, b })).compare;
    view.append(differences(a, b, comparison));
  } catch (error) {
    view.append(failure(error));
  }
  return view;
}

function compareForm(params) {
  const side = (key, legend) => {
    const nvrpp = new URLSearchParams(params.get(key) ?? '');
    return h('fieldset', { class: 'grid' }, h('legend', null, legend),
      NVRPP.map(([name, label]) => field(label, key + '.' + name, nvrpp.get(name), { required: true })));
  };
  const form = h('form', { class: 'compare' }, side('a', 'Build A'), side('b', 'Build B'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Compare')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(form);
    const nvrpp = key => nvrppQuery(Object.fromEntries(NVRPP.map(([name]) => [name, data.get(key + '.' + name)])));
    go('#/compare?' + new URLSearchParams({ a: nvrpp('a'), b: nvrpp('b') }));
  });
  return form;
}

function differences(a, b, comparison) {
  const { added, removed, changed, events_only_in_a: onlyA, events_only_in_b: onlyB } = comparison;
  const licenses = list => (list ?? []).join(', ');
  const component = change => change.purl ?? change.name;
  return h('div', { class: 'results' },
    h('dl', { class: 'sides' }, h('dt', null, 'A'), h('dd', null, buildLink(a)), h('dt', null, 'B'),
      h('dd', null, buildLink(b))),
    h('p', { class: 'summary' }, `From A to B: ${count(added.length, 'component')} added, ${removed.length} removed, `
      + `${changed.length} changed; ${count(onlyA.length, 'event')} only in A, ${onlyB.length} only in B. `,
    h('a', { href: '#/compare?' + new URLSearchParams({ a: nvrppQuery(b), b: nvrppQuery(a) }) }, 'Swap A and B')),
    h('h3', null, 'Components'),
    changes('Changed', changed, [
      { label: 'Component', cell: component },
      { label: 'Version in A', cell: change => change.a_version ?? '' },
      { label: 'Version in B', cell: change => change.b_version ?? '' },
      { label: 'Licenses in A', cell: change => licenses(change.a_licenses) },
      { label: 'Licenses in B', cell: change => licenses(change.b_licenses) },
    ]),
    changes('Added in B', added, [
      { label: 'Component', cell: component },
      { label: 'Version', cell: change => change.b_version ?? '' },
      { label: 'Licenses', cell: change => licenses(change.b_licenses) },
    ]),
    changes('Removed in B', removed, [
      { label: 'Component', cell: component },
      { label: 'Version', cell: change => change.a_version ?? '' },
      { label: 'Licenses', cell: change => licenses(change.a_licenses) },
    ]),
    h('h3', null, 'Events'),
    events('Events only in A', onlyA),
    events('Events only in B', onlyB));
}

function changes(caption, rows, columns) {
  return rows.length === 0 ? h('p', { class: 'empty' }, `${caption}: none.`) : table(caption, columns, rows);
}

function events(caption, rows) {
  return changes(caption, rows, [
    { label: 'When', cell: event => time(event.created_at) },
    { label: 'Receiver', cell: event => receiverName(receiverOf(event)) },
    { label: 'Outcome', cell: event => outcome(event.success) },
    { label: 'Description', cell: event => event.description },
  ]);
}
