// Receivers and groups: the kinds of event the registry takes and the gates over them. Listed for every role;
// creating them and enabling or disabling a group is offered to write and admin tokens. A receiver's body is checked
// by the server as it is typed (POST /api/v1/receivers/check), which answers with exactly the errors a create would.
import { call, graphql, may } from './api.js';
import { badge, failure, field, h, heading, replace, table, time } from './dom.js';

const QUERY = `{
  event_receivers(event_receiver: {}) { id name type version description schema created_at }
  event_receiver_groups(event_receiver_group: {}) { id name type version description enabled event_receiver_ids
    updated_at }
}`;
const CHECK_AFTER_MS = 300;
/** What names a receiver or a group. */
const IDENTITY = ['name', 'type', 'version', 'description'];

export async function show() {
  const receiversPart = h('div');
  const groupsPart = h('div');
  const refresh = async () => {
    try {
      const { event_receivers: receivers, event_receiver_groups: groups } = await graphql(QUERY);
      replace(receiversPart, receiverList(receivers));
      replace(groupsPart, groupList(groups, receivers, refresh), may('write') ? groupForm(receivers, refresh) : null);
    } catch (error) {
      replace(receiversPart, failure(error));
    }
  };
  await refresh();
  return h('section', null, heading('Receivers and groups'),
    may('write') ? null : h('p', { class: 'note' }, 'Creating receivers and groups needs a token with the write role.'),
    receiversPart, may('write') ? receiverForm(refresh) : null, groupsPart);
}

function receiverList(receivers) {
  return h('div', null, h('h3', null, 'Receivers'), receivers.length === 0
    ? h('p', { class: 'empty' }, 'No receiver yet.')
    : table(`Receivers (${receivers.length})`, [
      { label: 'Name', cell: receiver => receiver.name },
      { label: 'Type', cell: receiver => h('span', { class: 'type' }, receiver.type) },
      { label: 'Version', cell: receiver => receiver.version },
      { label: 'Description', cell: receiver => receiver.description },
      { label: 'Schema', cell: receiver => h('details', null, h('summary', null, 'JSON Schema'),
        h('pre', null, JSON.stringify(receiver.schema, null, 2))) },
      { label: 'Created', cell: receiver => time(receiver.created_at) },
      { label: 'Id', cell: receiver => h('code', null, receiver.id) },
    ], receivers));
}

function groupList(groups, receivers, refresh) {
  const names = new Map(receivers.map(receiver => [receiver.id, receiver.name]));
  const toggle = group => {
    const button = h('button', { type: 'button', class: 'secondary' }, group.enabled ? 'Disable' : 'Enable');
    button.setAttribute('aria-label', `${group.enabled ? 'Disable' : 'Enable'} group ${group.name}`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await call('/api/v1/groups/' + encodeURIComponent(group.id),
          { method: 'PATCH', body: { enabled: !group.enabled } });
        await refresh();
      } catch (error) {
        button.after(failure(error));
        button.disabled = false;
      }
    });
    return button;
  };
  return h('div', null, h('h3', null, 'Groups (gates)'), groups.length === 0
    ? h('p', { class: 'empty' }, 'No group yet.')
    : table(`Groups (${groups.length})`, [
      { label: 'Name', cell: group => [group.name, ' ', h('span', { class: 'type' }, group.type)] },
      { label: 'Members', cell: group => group.event_receiver_ids.map(id => names.get(id) ?? id).join(', ') },
      { label: 'State', cell: group => group.enabled ? badge('ok', 'enabled') : badge('off', 'disabled') },
      { label: 'Changed', cell: group => time(group.updated_at) },
      ...(may('write') ? [{ label: 'Action', cell: toggle }] : []),
    ], groups));
}

function receiverForm(refresh) {
  const schema = h('textarea', { id: 'receiver-schema', name: 'schema', rows: '8', spellcheck: 'false',
    'aria-describedby': 'receiver-check' });
  schema.value = '{\n  "type": "object"\n}';
  const check = h('div', { class: 'check', id: 'receiver-check', 'aria-live': 'polite' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'create', 'aria-labelledby': 'new-receiver' },
    h('h3', { id: 'new-receiver' }, 'New receiver'),
    identityFields('ci.pipelinerun.finished'),
    h('div', { class: 'field' }, h('label', { for: schema.id }, 'JSON Schema of its payloads'), schema),
    check,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create receiver')),
    outcome);
  const body = () => {
    const data = Object.fromEntries(new FormData(form));
    try {
      data.schema = JSON.parse(data.schema);
    } catch {
      // sent as the text it is: the server says what is wrong with it, as a create would
    }
    return data;
  };
  let checking = 0;
  let timer = null;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++checking;
      try {
        const answer = (await call('/api/v1/receivers/check', { method: 'POST', body: body() })).data;
        if (mine !== checking) return;
        check.className = answer.valid ? 'check valid' : 'check invalid';
        check.replaceChildren(answer.valid ? '✓ The server would accept this receiver.'
          : h('div', null, 'The server would refuse it:',
            h('ul', null, answer.errors.map(error => h('li', null, error)))));
      } catch (error) {
        if (mine === checking) check.replaceChildren(failure(error));
      }
    }, CHECK_AFTER_MS);
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const id = (await call('/api/v1/receivers', { method: 'POST', body: body() })).data;
      outcome.replaceChildren(h('p', { class: 'done', role: 'status' }, 'Created receiver ', h('code', null, id), '.'));
      form.reset();
      schema.value = '{\n  "type": "object"\n}';
      check.replaceChildren();
      await refresh();
    } catch (error) {
      outcome.replaceChildren(failure(error));
    }
  });
  return form;
}

function groupForm(receivers, refresh) {
  const outcome = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'create', 'aria-labelledby': 'new-group' },
    h('h3', { id: 'new-group' }, 'New group'),
    identityFields('release.ready'),
    h('fieldset', { class: 'members' }, h('legend', null, 'Member receivers'),
      receivers.map(receiver => h('label', { class: 'check-option' },
        h('input', { type: 'checkbox', name: 'event_receiver_ids', value: receiver.id }), ' ', receiver.name, ' ',
        h('span', { class: 'type' }, receiver.type)))),
    h('label', { class: 'check-option' }, h('input', { type: 'checkbox', name: 'enabled', checked: true }),
      ' Enabled from the start'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create group')),
    outcome);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    const group = { ...Object.fromEntries(IDENTITY.map(key => [key, data.get(key)])), enabled: data.has('enabled'),
      event_receiver_ids: data.getAll('event_receiver_ids') };
    try {
      await call('/api/v1/groups', { method: 'POST', body: group });
      await refresh();
    } catch (error) {
      outcome.replaceChildren(failure(error));
    }
  });
  return form;
}

/** The fields that name a receiver or a group; typeExample shows what a type looks like. */
function identityFields(typeExample) {
  return h('div', { class: 'grid' }, field('Name', 'name', '', { required: true }),
    field('Type', 'type', '', { required: true, placeholder: typeExample }),
    field('Version', 'version', '1.0.0', { required: true }),
    field('Description', 'description', '', { required: true, class: 'wide' }));
}
