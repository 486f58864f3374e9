// Employee page: today's breaks (live through server-sent events), stats, settings, own data, safety guidance.
'use strict';
(function () {
  const W = window.Wellness, t = W.texts, el = W.el;
  const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  const breaksList = document.getElementById('breaks');

  function parseEvent(item) {
    const raw = item.event;
    if (typeof raw === 'string') { try { return JSON.parse(raw); } catch (e) { return {}; } }
    return raw || {};
  }

  function exercisesOf(item) {
    if (Array.isArray(item.exercises)) return item.exercises;
    const event = parseEvent(item);
    return (event.plan && Array.isArray(event.plan.exercises)) ? event.plan.exercises : [];
  }

  function timeOf(iso, zone) {
    if (!iso) return '';
    try {
      return new Intl.DateTimeFormat(W.lang(), { hour: '2-digit', minute: '2-digit', timeZone: zone || undefined }).format(new Date(iso));
    } catch (e) { return iso; }
  }

  function outcomeText(outcome) {
    return { completed: t.completed, snoozed: t.snoozed, skipped: t.skipped }[String(outcome).toLowerCase()] || outcome;
  }

  function renderBreak(item) {
    const exercises = exercisesOf(item);
    const title = exercises.map(e => e.name).filter(Boolean).join(' · ') || item.title || '';
    const headingId = 'break-' + item.breakId + '-' + (item.snoozeCount || 0);
    const li = el('li', { class: 'break', 'data-break-id': item.breakId, 'aria-labelledby': headingId },
      el('h3', { id: headingId, text: timeOf(item.dueAt, item.timeZone) + ' – ' + title }));
    for (const ex of exercises) {
      if (ex.summary) li.append(el('p', { text: ex.summary }));
      if (Array.isArray(ex.steps) && ex.steps.length) {
        li.append(el('ol', {}, ...ex.steps.map(s => el('li', { text: s }))));
      }
      if (ex.dose) li.append(el('p', { class: 'hint', text: ex.dose }));
    }
    if (item.outcome) {
      li.append(el('p', { class: 'outcome', text: outcomeText(item.outcome) }));
    } else {
      const actions = el('div', { class: 'actions', role: 'group', 'aria-labelledby': headingId });
      for (const [outcome, label, cls] of [['completed', t.done, ''], ['snoozed', t.snooze, 'secondary'], ['skipped', t.skip, 'secondary']]) {
        actions.append(el('button', { type: 'button', class: cls, 'data-outcome': outcome, text: label,
          onclick: () => record(item.breakId, outcome, actions) }));
      }
      li.append(actions);
    }
    return li;
  }

  async function record(breakId, outcome, actions) {
    actions.querySelectorAll('button').forEach(b => b.disabled = true);
    try {
      await W.api('POST', '/api/scheduler/inbox/' + encodeURIComponent(breakId) + '/outcome', { outcome });
      await loadBreaks();
    } catch (e) {
      actions.querySelectorAll('button').forEach(b => b.disabled = false);
      W.say('page-status', t.unavailable + (e.problem && e.problem.detail ? ' (' + e.problem.detail + ')' : ''), true);
    }
  }

  async function loadBreaks() {
    try {
      const data = await W.api('GET', '/api/scheduler/inbox');
      const list = W.items(data, 'items', 'breaks');
      breaksList.setAttribute('aria-busy', 'false');
      breaksList.replaceChildren(...(list.length ? list.map(renderBreak) : [el('li', { class: 'hint', text: t.breaksEmpty })]));
    } catch (e) {
      W.unavailable(breaksList, e);
    }
  }

  function listenForNewBreaks() {
    const status = document.getElementById('live-status');
    const source = new EventSource('/api/scheduler/inbox/stream', { withCredentials: true });
    source.onopen = () => { status.textContent = t.liveOn; };
    source.onmessage = () => loadBreaks();
    source.addEventListener('break', () => loadBreaks());
    source.onerror = () => { status.textContent = t.liveOff; };
  }

  async function loadStats() {
    const region = document.getElementById('stats');
    try {
      const s = await W.api('GET', '/api/tracking/me/stats');
      const pick = (...keys) => { for (const k of keys) { const v = k.split('.').reduce((o, p) => o == null ? o : o[p], s); if (v !== undefined && v !== null && typeof v !== 'object') return v; } return '–'; };
      region.setAttribute('aria-busy', 'false');
      region.replaceChildren(
        el('dt', { text: t.statsToday }), el('dd', { text: String(pick('todayCounts.completed')) }),
        el('dt', { text: t.statsWeek }), el('dd', { text: String(pick('thisWeek.completed')) }),
        el('dt', { text: t.statsStreak }), el('dd', { text: String(pick('streakDays')) }));
    } catch (e) {
      W.unavailable(region, e);
    }
  }

  // ---- settings: the form edits the fields it knows and sends everything else back unchanged
  let settings = {};
  const form = document.getElementById('settings-form');
  const fieldKeys = { 'set-tz': ['timeZone', 'zone'], 'set-interval': ['intervalMinutes', 'interval'],
    'set-channel': ['channel', 'channelType'], 'set-paused': ['pausedUntil'], 'set-position': ['position'],
    'set-regions': ['focusRegions', 'regions'], 'set-avoid': ['avoid', 'avoidExercises'] };
  const keyOf = id => fieldKeys[id].find(k => k in settings) || fieldKeys[id][0];

  function formatRanges(ranges) {
    return (ranges || []).map(r => (r.start || '') + '-' + (r.end || '')).join(', ');
  }

  function parseRanges(text) {
    return text.split(',').map(s => s.trim()).filter(Boolean).map(s => {
      const [start, end] = s.split('-').map(x => x.trim());
      return { start, end };
    });
  }

  async function loadSettings() {
    try {
      settings = await W.api('GET', '/api/scheduler/me/settings') || {};
      for (const id of Object.keys(fieldKeys)) {
        let v = settings[keyOf(id)];
        if (Array.isArray(v)) v = v.join(', ');
        if (id === 'set-paused' && typeof v === 'string') v = v.substring(0, 10);
        if (id === 'set-channel' && v && typeof v === 'object') v = v.type;
        if (v !== undefined && v !== null) document.getElementById(id).value = v;
      }
      const hours = settings.workingHours || {};
      for (const day of DAYS) document.getElementById('wh-' + day).value = formatRanges(hours[day]);
    } catch (e) {
      W.say('settings-status', t.unavailable, true);
      form.querySelector('button[type=submit]').disabled = true;
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const next = Object.assign({}, settings);
    const list = s => s.split(',').map(x => x.trim()).filter(Boolean);
    next[keyOf('set-tz')] = document.getElementById('set-tz').value.trim();
    next[keyOf('set-interval')] = Number(document.getElementById('set-interval').value);
    const channel = document.getElementById('set-channel').value;
    next[keyOf('set-channel')] = (settings.channel && typeof settings.channel === 'object') ? Object.assign({}, settings.channel, { type: channel }) : channel;
    const paused = document.getElementById('set-paused').value;
    next[keyOf('set-paused')] = paused ? paused : null;
    next[keyOf('set-position')] = document.getElementById('set-position').value || null;
    next[keyOf('set-regions')] = list(document.getElementById('set-regions').value);
    next[keyOf('set-avoid')] = list(document.getElementById('set-avoid').value);
    next.workingHours = {};
    for (const day of DAYS) next.workingHours[day] = parseRanges(document.getElementById('wh-' + day).value);
    try {
      settings = await W.api('PUT', '/api/scheduler/me/settings', next) || next;
      W.say('settings-status', t.saved, false);
    } catch (e) {
      const errors = e.problem && Array.isArray(e.problem.errors) ? ': ' + e.problem.errors.map(x => x.field + ' ' + x.message).join('; ') : '';
      W.say('settings-status', (e.problem && e.problem.title ? e.problem.title : t.unavailable) + errors, true);
    }
  });

  // ---- own data
  document.getElementById('export-data').addEventListener('click', async () => {
    try { await W.download('/api/tracking/me/export', 'application/json', 'my-microbreaks.json'); }
    catch (e) { W.say('data-status', t.unavailable, true); }
  });
  document.getElementById('delete-data').addEventListener('click', async () => {
    if (!window.confirm(t.deleteConfirm)) return;
    try { await W.api('DELETE', '/api/tracking/me'); W.say('data-status', t.deleted, false); loadStats(); }
    catch (e) { W.say('data-status', t.unavailable, true); }
  });

  async function loadSafety() {
    const region = document.getElementById('safety');
    try {
      const data = await W.api('GET', '/api/catalog/safety');
      const guidance = W.items(data, 'guidance', 'items');
      region.setAttribute('aria-busy', 'false');
      region.replaceChildren(...guidance.map(g => el('li', { text: typeof g === 'string' ? g : g.text })));
    } catch (e) {
      W.unavailable(region, e);
    }
  }

  loadBreaks();
  listenForNewBreaks();
  loadStats();
  loadSettings();
  loadSafety();
})();
