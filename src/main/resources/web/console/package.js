// A package: every build whose SBOMs contain it (by package URL, any version when the purl has none, or by component
// name), by version and over time: the blast radius of a vulnerable component.
import { graphql } from './api.js';
import { buildLink, count, failure, field, h, heading, leadsTo, nvrppText, table, time } from './dom.js';

const LIMIT = 1000;
const QUERY = `query Builds($purl: String, $name: String, $version: String) {
  components(purl: $purl, name: $name, version: $version, first: ${LIMIT}) {
    component { name group version purl licenses }
    sbom_id name version release platform_id package created_at
  }
}`;

export async function show(params) {
  const view = h('section', null, heading('Package'), packageForm(params));
  const purl = params.get('purl');
  const name = params.get('name');
  if (!purl && !name) return view;
  try {
    const uses = (await graphql(QUERY, { purl, name, version: purl ? null : params.get('version') })).components;
    view.append(blastRadius(uses));
  } catch (error) {
    view.append(failure(error));
  }
  return view;
}

/** The form that looks a package up: a purl, or a component name and version. */
export function packageForm(params) {
  const form = h('form', { class: 'package', role: 'search', 'aria-label': 'Builds containing a package' },
    h('p', { class: 'hint' }, 'A package URL without a version matches every version.'),
    h('div', { class: 'grid' },
      field('Package URL', 'purl', params.get('purl'),
        { placeholder: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind', class: 'wide' }),
      field('or component name', 'name', params.get('name')),
      field('version', 'version', params.get('version'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Find builds')));
  return leadsTo('package', form);
}

function blastRadius(uses) {
  if (uses.length === 0) return h('p', { class: 'empty' }, 'No build\'s SBOM contains it.');
  const byTime = [...uses].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const builds = new Set(uses.map(nvrppText));
  const versions = new Map();
  for (const use of byTime) {
    const version = use.component.version ?? '(none)';
    if (!versions.has(version)) versions.set(version, []);
    versions.get(version).push(use);
  }
  const start = Date.parse(byTime[0].created_at);
  const span = Math.max(1, Date.parse(byTime.at(-1).created_at) - start);
  const at = use => (Date.parse(use.created_at) - start) / span;
  return h('div', { class: 'results' },
    h('p', { class: 'summary' }, `${count(builds.size, 'build contains', 'builds contain')} it, in `
      + `${count(versions.size, 'version')}.`,
      uses.length === LIMIT ? ` The first ${LIMIT} SBOM entries are shown.` : ''),
    table('By version, first seen first', [
      { label: 'Version', cell: ([version]) => version },
      { label: 'Builds', cell: ([, all]) => String(new Set(all.map(nvrppText)).size) },
      { label: 'First seen', cell: ([, all]) => time(all[0].created_at) },
      { label: 'Last seen', cell: ([, all]) => time(all.at(-1).created_at) },
      { label: 'Over time', cell: ([, all]) => track(all.map(at)) },
    ], [...versions]),
    table('Builds, newest first', [
      { label: 'SBOM stored', cell: use => time(use.created_at) },
      { label: 'Build', cell: use => buildLink(use) },
      { label: 'Component', cell: use => use.component.purl ?? use.component.name },
      { label: 'Version', cell: use => use.component.version ?? '' },
      { label: 'Licenses', cell: use => use.component.licenses.join(', ') },
    ], byTime.reverse()));
}

/** When a version was seen, as marks on a line from the first SBOM to the last (the dates are in the columns). */
function track(points) {
  const line = h('span', { class: 'track', 'aria-hidden': 'true' });
  for (const point of points) {
    const mark = h('span', { class: 'mark' });
    mark.style.left = (point * 100).toFixed(1) + '%';
    line.append(mark);
  }
  return line;
}
