// Admin page: exercise catalog (list, create, replace, retire) and the company break policy.
'use strict';
(function () {
  const W = window.Wellness, t = W.texts, el = W.el;
  const jsonArea = document.getElementById('exercise-json');
  let exercises = [];

  async function loadCatalog() {
    const region = document.getElementById('catalog-table');
    try {
      const data = await W.api('GET', '/api/catalog/exercises?size=100&includeRetired=true');
      exercises = W.items(data, 'items', 'exercises');
      const rows = exercises.map(x => el('tr', {},
        el('th', { scope: 'row', text: x.id }),
        el('td', { text: x.name || '' }),
        el('td', { text: x.retired ? t.statusRetired : t.statusActive }),
        el('td', {},
          el('button', { type: 'button', class: 'secondary', text: t.edit, 'aria-label': t.edit + ' ' + (x.name || x.id),
            onclick: () => edit(x.id) }), ' ',
          x.retired ? '' : el('button', { type: 'button', class: 'danger', text: t.retire, 'aria-label': t.retire + ' ' + (x.name || x.id),
            onclick: () => retire(x.id) }))));
      region.setAttribute('aria-busy', 'false');
      region.replaceChildren(el('table', {}, el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'id' }), el('th', { scope: 'col', text: document.querySelector('#catalog-heading').textContent }),
        el('th', { scope: 'col', text: '' }), el('th', { scope: 'col', text: '' }))), el('tbody', {}, ...rows)));
    } catch (e) {
      W.unavailable(region, e);
    }
  }

  async function view(id, language) {
    const response = await fetch('/api/catalog/exercises/' + encodeURIComponent(id), { credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Accept-Language': language, 'X-Requested-With': 'JavaScript' } });
    if (!response.ok) throw new W.ApiError(response.status, null);
    return response.json();
  }

  function words(v) {
    return { name: v.name, summary: v.summary, steps: v.steps || [],
      progression: v.progression ? v.progression.text : null, cautions: v.cautions || [] };
  }

  /** Loads an exercise as the catalog takes it back on replace: the shared fields plus both languages' words. */
  async function edit(id) {
    try {
      const [en, de] = await Promise.all([view(id, 'en'), view(id, 'de')]);
      const input = { id: en.id, source: en.source ? en.source.id : null, regions: en.regions, position: en.position,
        equipment: en.equipment, setting: en.setting, kind: en.kind, intensity: en.intensity,
        durationSeconds: en.durationSeconds, dose: en.dose,
        progression: en.progression && en.progression.firstTimeHoldSeconds ? { firstTimeHoldSeconds: en.progression.firstTimeHoldSeconds } : null,
        text: { en: words(en), de: words(de) } };
      jsonArea.value = JSON.stringify(input, null, 2);
      jsonArea.focus();
    } catch (e) {
      W.say('exercise-status', t.unavailable, true);
    }
  }

  function problemText(e) {
    if (!e.problem) return t.unavailable;
    const errors = Array.isArray(e.problem.errors) ? ': ' + e.problem.errors.map(x => x.field + ' ' + x.message).join('; ') : '';
    return (e.problem.detail || e.problem.title || t.unavailable) + errors;
  }

  async function save(method) {
    let body;
    try { body = JSON.parse(jsonArea.value); } catch (e) { W.say('exercise-status', e.message, true); return; }
    const path = method === 'POST' ? '/api/catalog/exercises' : '/api/catalog/exercises/' + encodeURIComponent(body.id || '');
    try {
      await W.api(method, path, body);
      W.say('exercise-status', t.saved, false);
      loadCatalog();
    } catch (e) {
      W.say('exercise-status', problemText(e), true);
    }
  }

  async function retire(id) {
    try {
      await W.api('POST', '/api/catalog/exercises/' + encodeURIComponent(id) + '/retire');
      loadCatalog();
    } catch (e) {
      W.say('exercise-status', problemText(e), true);
    }
  }

  document.getElementById('exercise-create').addEventListener('click', () => save('POST'));
  document.getElementById('exercise-replace').addEventListener('click', () => save('PUT'));

  const policyArea = document.getElementById('policy-json');
  async function loadPolicy() {
    try {
      policyArea.value = JSON.stringify(await W.api('GET', '/api/scheduler/policy'), null, 2);
    } catch (e) {
      W.say('policy-status', t.unavailable, true);
    }
  }
  document.getElementById('policy-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    let body;
    try { body = JSON.parse(policyArea.value); } catch (e) { W.say('policy-status', e.message, true); return; }
    try {
      policyArea.value = JSON.stringify(await W.api('PUT', '/api/scheduler/policy', body) || body, null, 2);
      W.say('policy-status', t.saved, false);
    } catch (e) {
      W.say('policy-status', problemText(e), true);
    }
  });

  loadCatalog();
  loadPolicy();
})();
