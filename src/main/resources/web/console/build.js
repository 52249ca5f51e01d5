// A build (one NVRPP), its whole story: the timeline of its events with their receivers and outcomes, its gates
// (complete, or pending with the members still missing), its pipeline runs, its SBOMs with their components, its test
// results, and the CDEvents made of it with their delivery to each sink.
import { graphql } from './api.js';
import { componentTable, componentsOf, downloadLink } from './components.js';
import { append, badge, count, failure, field, h, heading, leadsTo, NVRPP, nvrppOf, nvrppQuery, outcome, receiverName,
  table, time } from './dom.js';

const QUERY = `query Build($name: String!, $version: String!, $release: String!, $platform_id: String!,
  $package: String!) {
  provenance(name: $name, version: $version, release: $release, platform_id: $platform_id, package: $package) {
    events { id description success created_at payload event_receiver { id name type } }
    gates { group { id name type enabled } complete missing { id name type } }
    sboms { id spec_version serial_number component_count created_at }
    test_reports { id tests failures errors skipped duration_seconds environment_id created_at
      failed: cases(outcome: "failure", first: 50) { name classname outcome message }
      errored: cases(outcome: "error", first: 50) { name classname outcome message } }
    cdevents { id type subject_id kafka_delivered cdviz_delivered }
    pipeline_runs { run_id attempt outcome queued_at started_at finished_at queue_seconds duration_seconds }
  }
}`;

export async function show(params) {
  const nvrpp = nvrppOf(params);
  if (!nvrpp) return h('section', null, heading('Build'), buildForm(params));
  const view = h('section', { class: 'build' }, heading('Build'), identity(nvrpp));
  try {
    const build = (await graphql(QUERY, nvrpp)).provenance;
    const [components, sinks] = await Promise.all([componentsOf(nvrpp, build.sboms), sinksOfThisServer()]);
    append(view, [summary(build),
      section('Gates', gates(build.gates)),
      build.pipeline_runs.length === 0 ? null : section('Pipeline runs', pipelineRuns(build.pipeline_runs)),
      section('Timeline', timeline(build.events)),
      section('SBOMs', build.sboms.length === 0 ? h('p', { class: 'empty' }, 'No SBOM was posted for this build.')
        : build.sboms.map(sbom => sbomPart(sbom, components.get(sbom.id)))),
      build.test_reports.length === 0 ? null : section('Test results', build.test_reports.map(testReport)),
      section('CDEvents', cdevents(build.cdevents, sinks))]);
  } catch (error) {
    view.append(failure(error));
  }
  return view;
}

/** For an address that names no whole NVRPP: the five fields to open a build by. */
function buildForm(params) {
  const form = h('form', null, h('fieldset', { class: 'grid' }, h('legend', null, 'Open a build by its NVRPP'),
    NVRPP.map(([key, label]) => field(label, key, params.get(key), { required: true }))),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Open')));
  return leadsTo('build', form);
}

function identity(nvrpp) {
  return h('div', { class: 'identity' },
    h('dl', { class: 'nvrpp-list' }, NVRPP.map(([key, label]) => [h('dt', null, label), h('dd', null, nvrpp[key])])),
    h('p', { class: 'actions' },
      h('a', { class: 'button secondary', href: '#/compare?a=' + encodeURIComponent(nvrppQuery(nvrpp)) },
        'Compare with another build'),
      h('a', { class: 'button secondary', href: '#/search?' + new URLSearchParams({ name: nvrpp.name }) },
        'Other builds of ' + nvrpp.name)));
}

function summary(build) {
  const failed = build.events.filter(event => !event.success).length;
  const complete = build.gates.filter(gate => gate.complete).length;
  const parts = [
    count(build.events.length, 'event') + (failed ? `, ${failed} failed` : ''),
    `${complete} of ${build.gates.length} gates complete`,
    count(build.sboms.length, 'SBOM'),
    count(build.test_reports.length, 'test report'),
  ];
  return h('p', { class: 'summary' }, parts.join(' · '));
}

function section(title, ...content) {
  return h('section', { 'aria-label': title }, h('h3', null, title), content);
}

function gates(all) {
  if (all.length === 0) return h('p', { class: 'empty' }, 'No enabled group has a member among this build\'s events.');
  return h('ul', { class: 'gates' }, all.map(gate => h('li', { class: gate.complete ? 'gate complete' : 'gate' },
    gate.complete ? badge('ok', '✓ complete') : badge('wait', '… pending'), ' ',
    h('strong', null, gate.group.name), ' ', h('span', { class: 'type' }, gate.group.type),
    gate.missing.length === 0 ? null : h('p', { class: 'missing' }, 'Waiting for a successful event on: ',
      gate.missing.map((receiver, i) => [i ? ', ' : '', receiverName(receiver)])))));
}

function timeline(events) {
  if (events.length === 0) return h('p', { class: 'empty' }, 'Nothing is recorded for this build.');
  return h('ol', { class: 'timeline' }, events.map(event => h('li', { class: event.success ? 'ok' : 'bad' },
    h('div', { class: 'when' }, time(event.created_at)),
    h('div', { class: 'what' }, outcome(event.success), ' ', receiverName(event.event_receiver),
      h('p', null, event.description),
      h('details', null, h('summary', null, 'Payload and id'),
        h('p', null, 'Event ', h('code', null, event.id)),
        h('pre', null, JSON.stringify(event.payload, null, 2)))))));
}

function sbomPart(sbom, components) {
  const label = `Components of SBOM ${sbom.id}`;
  return h('article', { class: 'sbom' },
    h('h4', null, `CycloneDX ${sbom.spec_version} · ${sbom.component_count} components`),
    h('p', null, 'Posted ', time(sbom.created_at), sbom.serial_number ? [' · ', h('code', null, sbom.serial_number)]
      : null, ' · ', downloadLink(sbom)),
    componentTable(components, label));
}

function testReport(report) {
  const cases = [...report.failed, ...report.errored];
  return h('article', { class: 'tests' },
    h('p', null, report.failures + report.errors === 0 ? badge('ok', '✓ passed') : badge('bad', '✗ failed'), ' ',
      `${count(report.tests, 'test')}, ${count(report.failures, 'failure')}, ${count(report.errors, 'error')}, `
      + `${report.skipped} skipped, `
      + `${report.duration_seconds.toFixed(1)} s on ${report.environment_id} · posted `, time(report.created_at)),
    cases.length === 0 ? null : table('Failed tests', [
      { label: 'Test', cell: run => run.name },
      { label: 'Class', cell: run => run.classname ?? '' },
      { label: 'Outcome', cell: run => run.outcome },
      { label: 'Message', cell: run => run.message ?? '' },
    ], cases));
}

function pipelineRuns(runs) {
  const seconds = value => value === null ? '' : `${value.toFixed(1)} s`;
  const state = { success: ['ok', '✓ success'], failure: ['bad', '✗ failure'], running: ['wait', '… running'],
    queued: ['wait', '… queued'] };
  return table('Pipeline runs, a retry a run of its own', [
    { label: 'Attempt', cell: run => String(run.attempt) },
    { label: 'Outcome', cell: run => badge(...state[run.outcome]) },
    { label: 'Queued', cell: run => run.queued_at ? time(run.queued_at) : '' },
    { label: 'Queue time', cell: run => seconds(run.queue_seconds) },
    { label: 'Duration', cell: run => seconds(run.duration_seconds) },
    { label: 'Run', cell: run => h('code', null, run.run_id) },
  ], runs);
}

function cdevents(all, sinks) {
  if (all.length === 0) return h('p', { class: 'empty' }, 'No CDEvent was made of this build’s events.');
  const delivered = (sink, done) => done ? badge('ok', '✓ delivered')
    : sinks.includes(sink) ? badge('wait', '… pending') : badge('off', 'not sent: this server has no such sink');
  return table('CDEvents and their delivery per sink', [
    { label: 'Type', cell: record => record.type },
    { label: 'Subject', cell: record => record.subject_id },
    { label: 'Kafka', cell: record => delivered('kafka', record.kafka_delivered) },
    { label: 'CDViz', cell: record => delivered('cdviz', record.cdviz_delivered) },
  ], all);
}

/** The sinks this server delivers to (/healthz/status, open to all): CDViz only when EPR_CDVIZ_URL is set. */
async function sinksOfThisServer() {
  const response = await fetch('/healthz/status', { cache: 'no-store' });
  return Object.keys((await response.json()).outbox?.by_sink ?? {});
}
