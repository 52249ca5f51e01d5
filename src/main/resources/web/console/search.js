// Search: events by any NVRPP field (each a prefix), receiver type, outcome and time, newest first, 25 to a page;
// each result links to its build. The address holds the search (#/search?name=…&after=…), so a page of results can
// be linked, reloaded and gone back to. A second form looks for the builds that contain a package.
import { graphql } from './api.js';
import { buildLink, failure, field, h, heading, leadsTo, NVRPP, outcome, receiverName, receiverOf, table, time }
  from './dom.js';
import { packageForm } from './package.js';

const QUERY = `query Search($name: String, $version: String, $release: String, $platform_id: String,
  $package: String, $receiver_type: String, $success: Boolean, $since: Time, $until: Time, $after: String) {
  event_search(name: $name, version: $version, release: $release, platform_id: $platform_id, package: $package,
      receiver_type: $receiver_type, success: $success, since: $since, until: $until, first: 25, after: $after) {
    events { id name version release platform_id package description success created_at
      event_receiver { name type } }
    next
  }
}`;

export async function show(params) {
  const view = h('section', null, heading('Search'), searchForm(params));
  const variables = {
    ...Object.fromEntries([...NVRPP.map(([key]) => key), 'receiver_type', 'after']
      .map(key => [key, params.get(key) || null])),
    success: params.has('success') ? params.get('success') === 'true' : null,
    since: instant(params.get('since')),
    until: instant(params.get('until')),
  };
  try {
    const page = (await graphql(QUERY, variables)).event_search;
    view.append(results(page, params));
  } catch (error) {
    view.append(failure(error));
  }
  view.append(h('h3', null, 'Builds that contain a package'), packageForm(new URLSearchParams()));
  return view;
}

function searchForm(params) {
  const form = h('form', { class: 'search', role: 'search', 'aria-label': 'Events' },
    h('fieldset', { class: 'grid' }, h('legend', null, 'Events whose fields start with'),
      NVRPP.map(([key, label]) => field(label, key, params.get(key)))),
    h('fieldset', { class: 'grid' }, h('legend', null, 'Receiver, outcome and time'),
      field('Receiver type (exact)', 'receiver_type', params.get('receiver_type')),
      h('div', { class: 'field' }, h('label', { for: 'search-success' }, 'Outcome'),
        h('select', { id: 'search-success', name: 'success' },
          [['', 'any'], ['true', 'success'], ['false', 'failure']].map(([value, text]) =>
            h('option', { value, selected: (params.get('success') ?? '') === value }, text)))),
      field('Since', 'since', params.get('since'), { type: 'datetime-local', step: '1' }),
      field('Until', 'until', params.get('until'), { type: 'datetime-local', step: '1' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'),
      h('a', { href: '#/search', class: 'button secondary' }, 'Clear')));
  return leadsTo('search', form);
}

function results(page, params) {
  if (page.events.length === 0) return h('p', { class: 'empty' }, 'No events match.');
  const pages = h('nav', { class: 'pages', 'aria-label': 'Result pages' },
    params.has('after') ? h('a', { href: pageAfter(params, null) }, '⇤ Newest') : null,
    page.next ? h('a', { href: pageAfter(params, page.next), rel: 'next' }, 'Older ⟶') : null);
  return h('div', { class: 'results' },
    table(`Events, newest first (${page.events.length}${page.next ? ' on this page' : ''})`, [
      { label: 'When', cell: event => time(event.created_at) },
      { label: 'Build', cell: event => buildLink(event) },
      { label: 'Receiver', cell: event => receiverName(receiverOf(event)) },
      { label: 'Outcome', cell: event => outcome(event.success) },
      { label: 'Description', cell: event => event.description },
    ], page.events),
    pages);
}

/** The address of the page of results after this cursor (null: the first page). */
function pageAfter(params, after) {
  const copy = new URLSearchParams(params);
  copy.delete('after');
  if (after) copy.set('after', after);
  return '#/search?' + copy;
}

/** A datetime-local value (the reader's time zone) as RFC 3339, or null. */
function instant(local) {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
