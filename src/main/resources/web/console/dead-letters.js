// Dead letters: the records (EPR messages, CDEvents) that could never be delivered, with why; an admin token can put
// them back for delivery, one or all. Other roles see the list and no retry buttons (the server refuses them anyway).
import { call, may } from './api.js';
import { failure, h, heading, replace, table, time } from './dom.js';

export async function show() {
  const list = h('div');
  const outcome = h('div', { 'aria-live': 'polite' });
  const view = h('section', null, heading('Dead letters'),
    h('p', { class: 'hint' }, 'Records the outbox could not deliver: Kafka refused them, or CDViz answered a 4xx or '
      + 'retries ran out. Retried, a record goes back to the outbox and is delivered again.'),
    may('admin') ? null : h('p', { class: 'note' }, 'Retrying dead letters needs a token with the admin role.'),
    outcome, list);

  const retry = async (path, done) => {
    try {
      const count = (await call(path, { method: 'POST' })).data;
      outcome.replaceChildren(h('p', { class: 'done', role: 'status' }, done(Number(count))));
      await refresh();
    } catch (error) {
      outcome.replaceChildren(failure(error));
    }
  };
  const retryButton = letter => h('button', { type: 'button', class: 'secondary',
    'aria-label': `Retry dead letter ${letter.id}`,
    onclick: () => retry(`/api/v1/dead-letters/${encodeURIComponent(letter.id)}/retry`,
      () => `Dead letter ${letter.id} went back for delivery.`) }, 'Retry');

  const refresh = async () => {
    try {
      const letters = (await call('/api/v1/dead-letters?limit=1000')).data;
      if (letters.length === 0) {
        replace(list, h('p', { class: 'empty' }, 'No dead letters: everything was delivered.'));
        return;
      }
      const retryAll = h('button', { type: 'button', onclick: () => retry('/api/v1/dead-letters/retry',
        count => `${count} dead letters went back for delivery.`) }, `Retry all ${letters.length}`);
      replace(list, may('admin') ? h('p', { class: 'actions' }, retryAll) : null,
        table(`Dead letters, oldest first (${letters.length})`, [
          { label: 'Id', cell: letter => letter.id },
          { label: 'Target', cell: letter => `${letter.target} · ${letter.topic}` },
          { label: 'Reason', cell: letter => letter.reason },
          { label: 'Last error', cell: letter => letter.last_error ?? '' },
          { label: 'Attempts', cell: letter => String(letter.attempts) },
          { label: 'Failed', cell: letter => time(letter.failed_at) },
          { label: 'Record', cell: letter => h('code', null, letter.record_id) },
          ...(may('admin') ? [{ label: 'Action', cell: retryButton }] : []),
        ], letters));
    } catch (error) {
      list.replaceChildren(failure(error));
    }
  };
  await refresh();
  return view;
}
