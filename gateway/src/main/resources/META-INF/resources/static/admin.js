// Admin page: exercise catalog (list, create, replace, retire) through a form, and the company break policy.
'use strict';
(function () {
  const W = window.Wellness, t = W.texts, el = W.el;
  const form = document.getElementById('exercise-form');
  const $ = (id) => document.getElementById(id);
  const LANGUAGES = ['en', 'de'];
  const RANGES = ['holdSeconds', 'reps', 'rounds', 'timesPerDay', 'timesPerWeek'];
  let exercises = [];

  async function loadCatalog() {
    const region = $('catalog-table');
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

  // --- form <-> the catalog's ExerciseInput ---------------------------------------------------------------

  const lines = (text) => text.split('\n').map(s => s.trim()).filter(s => s.length > 0);
  const number = (input) => input.value.trim() === '' ? null : Number(input.value);
  const text = (input) => input.value.trim() === '' ? null : input.value.trim();
  const checked = (name) => [...form.querySelectorAll('input[name="' + name + '"]:checked')].map(c => c.value);

  function range(name) {
    const min = number($('ex-' + name + '-min')), max = number($('ex-' + name + '-max'));
    return min === null && max === null ? null : { min, max };
  }

  function readForm() {
    const dose = { sets: number($('ex-sets')), perSide: $('ex-per-side').checked };
    for (const r of RANGES) dose[r] = range(r);
    const firstHold = number($('ex-first-hold'));
    const words = {};
    for (const lang of LANGUAGES) {
      words[lang] = { name: $('ex-' + lang + '-name').value.trim(), summary: $('ex-' + lang + '-summary').value.trim(),
        steps: lines($('ex-' + lang + '-steps').value), cautions: lines($('ex-' + lang + '-cautions').value),
        progression: text($('ex-' + lang + '-progression')) };
    }
    return { id: text($('ex-id')), source: text($('ex-source')), regions: checked('regions'),
      position: $('ex-position').value || null, equipment: checked('equipment'), setting: $('ex-setting').value || null,
      kind: $('ex-kind').value || null, intensity: $('ex-intensity').value || null, durationSeconds: number($('ex-duration')),
      dose, progression: firstHold === null ? null : { firstTimeHoldSeconds: firstHold }, text: words };
  }

  function setNumber(id, value) { $(id).value = value === null || value === undefined ? '' : String(value); }

  function fillForm(en, byLanguage) {
    $('ex-id').value = en.id || '';
    $('ex-id').readOnly = !!en.id;
    $('ex-source').value = en.source ? (en.source.id || en.source) : '';
    for (const box of form.querySelectorAll('input[name="regions"]')) box.checked = (en.regions || []).includes(box.value);
    for (const box of form.querySelectorAll('input[name="equipment"]')) box.checked = (en.equipment || []).includes(box.value);
    $('ex-position').value = en.position || '';
    $('ex-setting').value = en.setting || '';
    $('ex-kind').value = en.kind || '';
    $('ex-intensity').value = en.intensity || '';
    setNumber('ex-duration', en.durationSeconds);
    const dose = en.dose || {};
    for (const r of RANGES) {
      setNumber('ex-' + r + '-min', dose[r] ? dose[r].min : null);
      setNumber('ex-' + r + '-max', dose[r] ? dose[r].max : null);
    }
    setNumber('ex-sets', dose.sets);
    $('ex-per-side').checked = !!dose.perSide;
    setNumber('ex-first-hold', en.progression ? en.progression.firstTimeHoldSeconds : null);
    for (const lang of LANGUAGES) {
      const v = byLanguage[lang] || {};
      $('ex-' + lang + '-name').value = v.name || '';
      $('ex-' + lang + '-summary').value = v.summary || '';
      $('ex-' + lang + '-steps').value = (v.steps || []).join('\n');
      $('ex-' + lang + '-cautions').value = (v.cautions || []).join('\n');
      $('ex-' + lang + '-progression').value = v.progression ? (v.progression.text || '') : '';
    }
  }

  // --- the catalog's 400 field errors next to their fields ------------------------------------------------

  function clearErrors() {
    for (const node of form.querySelectorAll('.field-error')) node.remove();
    for (const node of form.querySelectorAll('[aria-invalid]')) {
      node.removeAttribute('aria-invalid');
      const described = (node.getAttribute('aria-describedby') || '').split(' ').filter(id => id && !id.endsWith('-error'));
      if (described.length) node.setAttribute('aria-describedby', described.join(' ')); else node.removeAttribute('aria-describedby');
    }
  }

  /** The control (or group) a catalog field path such as "text.de.steps[2]" or "dose.reps.ordered" belongs to. */
  function controlFor(field) {
    let path = String(field || '').replace(/\[\d+\]/g, '');
    while (path) {
      const control = form.querySelector('[data-field="' + CSS.escape(path) + '"]');
      if (control) return control;
      path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    }
    return null;
  }

  function showFieldErrors(errors) {
    const unplaced = [];
    let first = null;
    for (const error of errors) {
      const control = controlFor(error.field);
      if (!control) { unplaced.push(error.field + ': ' + error.message); continue; }
      const errorId = (control.id || control.getAttribute('data-field').replace(/\W/g, '-')) + '-error';
      let note = document.getElementById(errorId);
      if (!note) {
        note = el('span', { id: errorId, class: 'field-error' });
        if (control.tagName === 'FIELDSET') control.querySelector('legend').after(note); else control.after(note);
      }
      note.textContent = note.textContent ? note.textContent + '; ' + error.message : error.message;
      control.setAttribute('aria-invalid', 'true');
      const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (!described.includes(errorId)) control.setAttribute('aria-describedby', [...described, errorId].join(' '));
      if (!first) first = control;
    }
    return { first, unplaced };
  }

  function problemText(e) {
    if (!e.problem) return t.unavailable;
    const errors = Array.isArray(e.problem.errors) ? ': ' + e.problem.errors.map(x => x.field + ' ' + x.message).join('; ') : '';
    return (e.problem.detail || e.problem.title || t.unavailable) + errors;
  }

  /** Loads an exercise as the catalog takes it back on replace: the shared fields plus both languages' words. */
  async function edit(id) {
    clearErrors();
    try {
      const [en, de] = await Promise.all([view(id, 'en'), view(id, 'de')]);
      fillForm(en, { en, de });
      W.say('exercise-status', '', false);
      $('exercise-heading').focus();
    } catch (e) {
      W.say('exercise-status', t.unavailable, true);
    }
  }

  async function save(method) {
    clearErrors();
    const body = readForm();
    const path = method === 'POST' ? '/api/catalog/exercises' : '/api/catalog/exercises/' + encodeURIComponent(body.id || '');
    try {
      await W.api(method, path, body);
      W.say('exercise-status', t.saved, false);
      $('ex-id').readOnly = true;
      loadCatalog();
    } catch (e) {
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors)) {
        const { first, unplaced } = showFieldErrors(e.problem.errors);
        W.say('exercise-status', form.dataset.invalid + (unplaced.length ? ' ' + unplaced.join('; ') : ''), true);
        if (first) (first.tagName === 'FIELDSET' ? first.querySelector('input, select, textarea') : first).focus();
      } else {
        W.say('exercise-status', problemText(e), true);
      }
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

  $('exercise-new').addEventListener('click', () => {
    clearErrors();
    form.reset();
    $('ex-id').readOnly = false;
    W.say('exercise-status', '', false);
    $('ex-id').focus();
  });
  $('exercise-create').addEventListener('click', () => save('POST'));
  $('exercise-replace').addEventListener('click', () => save('PUT'));

  const policyArea = $('policy-json');
  async function loadPolicy() {
    try {
      policyArea.value = JSON.stringify(await W.api('GET', '/api/scheduler/policy'), null, 2);
    } catch (e) {
      W.say('policy-status', t.unavailable, true);
    }
  }
  $('policy-form').addEventListener('submit', async (event) => {
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
