// Team lead page: participation of each team the lead belongs to (latest period, then the series).
'use strict';
(function () {
  const W = window.Wellness, D = window.Dashboards, t = W.texts, el = W.el;
  for (const section of document.querySelectorAll('.team-dashboard')) {
    const region = section.querySelector('.dashboard-body');
    W.api('GET', '/api/tracking/dashboards/teams/' + encodeURIComponent(section.dataset.team))
      .then(data => {
        const rows = D.series(data);
        region.setAttribute('aria-busy', 'false');
        region.replaceChildren(rows.length ? D.summaryList(rows[rows.length - 1]) : '',
          el('div', { class: 'table-wrap' }, D.table(rows, t.period)));
      })
      .catch(e => W.unavailable(region, e));
  }
})();
