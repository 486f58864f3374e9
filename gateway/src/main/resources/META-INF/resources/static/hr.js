// HR page: company participation trend (Chart.js), hour-of-day heat map, team table and CSV downloads.
'use strict';
(function () {
  const W = window.Wellness, D = window.Dashboards, t = W.texts, el = W.el;

  function drawTrend(rows) {
    // suppressed periods are gaps in the line, never zeros
    const values = rows.map(r => (r.suppressed || r.participationRate == null) ? null : W.percent(r.participationRate));
    new window.Chart(document.getElementById('trend-chart'), {
      type: 'line',
      data: { labels: rows.map(r => r.label), datasets: [{ label: t.participation + ' (%)', data: values,
        borderColor: '#0b5cad', backgroundColor: 'rgba(11, 92, 173, 0.15)', fill: true, spanGaps: false, tension: 0.2 }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: v => v + ' %' } } } }
    });
    // the same figures as a table, for screen readers and keyboard users
    document.getElementById('trend-fallback').replaceChildren(el('details', {},
      el('summary', { text: t.period }), el('div', { class: 'table-wrap' }, D.table(rows, t.period))));
  }

  async function loadCompany() {
    const heat = document.getElementById('heatmap');
    try {
      const data = await W.api('GET', '/api/tracking/dashboards/company');
      drawTrend(D.series(data));
      heat.setAttribute('aria-busy', 'false');
      heat.replaceChildren(D.heatmap(D.hours(data)));
    } catch (e) {
      W.unavailable(heat, e);
      W.unavailable(document.getElementById('trend-fallback'), e);
    }
  }

  async function loadTeams() {
    const region = document.getElementById('teams-table');
    try {
      const table = await W.api('GET', '/api/tracking/dashboards/teams');
      region.setAttribute('aria-busy', 'false');
      region.replaceChildren(D.table(D.latestPerTeam(table), t.team));
    } catch (e) {
      W.unavailable(region, e);
    }
  }

  function csvButton(id, path, filename) {
    document.getElementById(id).addEventListener('click', async () => {
      try { await W.download(path, 'text/csv', filename); } catch (e) { W.say('page-status', t.unavailable, true); }
    });
  }

  csvButton('csv-company', '/api/tracking/dashboards/company/export.csv', 'company-participation.csv');
  csvButton('csv-teams', '/api/tracking/dashboards/teams/export.csv', 'team-participation.csv');
  loadCompany();
  loadTeams();
})();
