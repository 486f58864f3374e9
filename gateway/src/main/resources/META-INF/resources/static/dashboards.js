// Reading the tracking service's dashboards (GET /api/tracking/dashboards/...): a series of periods
// ({start, end, figures}), an hour-of-day heat map ({hour, figures}) and a table of teams ({team, series}).
// A group under the privacy threshold comes as figures {suppressed: true}: it is shown as suppressed, never as 0.
'use strict';
window.Dashboards = (function () {
  const W = window.Wellness, t = W.texts, el = W.el;
  const FIGURES = [['participationRate', t.participation, true], ['offered', t.offered], ['completed', t.completed],
    ['snoozed', t.snoozed], ['skipped', t.skipped], ['activeParticipants', t.active]];

  function flatten(label, entry) {
    return Object.assign({ label }, entry.figures || { suppressed: true });
  }

  function series(data) {
    return (data.series || []).map(p => flatten(p.start, p));
  }

  function hours(data) {
    return (data.heatMap || []).map(h => flatten(h.hour, h));
  }

  /** One row per team: its latest period. */
  function latestPerTeam(table) {
    return (table.teams || []).map(team => {
      const last = (team.series || [])[team.series.length - 1];
      return last ? flatten(team.team, last) : { label: team.team, suppressed: true };
    });
  }

  function summaryList(row) {
    const dl = el('dl', { class: 'stats' });
    for (const [key, label, pct] of FIGURES) {
      dl.append(el('dt', { text: label }), el('dd', {}, W.figure(row, key, pct)));
    }
    return dl;
  }

  function table(rows, firstLabel) {
    const head = el('tr', {}, el('th', { scope: 'col', text: firstLabel }),
      ...FIGURES.map(([, label]) => el('th', { scope: 'col', text: label })));
    const body = rows.map(row => el('tr', {}, el('th', { scope: 'row', text: String(row.label) }),
      ...FIGURES.map(([key, , pct]) => el('td', {}, W.figure(row, key, pct)))));
    return el('table', {}, el('thead', {}, head), el('tbody', {}, ...body));
  }

  function heatmap(rows) {
    const max = Math.max(1, ...rows.filter(r => !r.suppressed).map(r => r.completed || 0));
    const grid = el('div', { class: 'heatmap', role: 'list', 'aria-label': t.hour });
    for (const row of rows) {
      const hour = String(row.label).padStart(2, '0') + ':00';
      const shade = row.suppressed ? 0 : (row.completed || 0) / max;
      const value = row.suppressed ? t.suppressed : String(row.completed);
      grid.append(el('div', { role: 'listitem', title: hour + ': ' + value, 'aria-label': hour + ': ' + value,
        style: 'background: rgba(11, 92, 173,' + (0.08 + shade * 0.92).toFixed(2) + '); color:' + (shade > 0.5 ? '#fff' : '#1b1f24') },
        el('div', { text: hour }), el('div', { text: row.suppressed ? '–' : String(row.completed) })));
    }
    return grid;
  }

  return { series, hours, latestPerTeam, summaryList, table, heatmap };
})();
