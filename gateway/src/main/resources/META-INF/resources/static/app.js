// Shared helpers for the pages: calls to /api through the gateway with the session cookie and the CSRF header,
// texts in the page language, and a clear message when a service answers with an error.
'use strict';
window.Wellness = (function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const texts = document.getElementById('texts').dataset;

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(method, path, body, accept) {
    const headers = { 'X-Requested-With': 'JavaScript', 'Accept': accept || 'application/json',
      'Accept-Language': document.documentElement.lang || 'en' };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, null);
    }
    if (response.status === 499) { window.location.reload(); throw new ApiError(499, null); } // session expired
    if (!response.ok) {
      let problem = null;
      try { problem = await response.json(); } catch (ignored) { /* not JSON */ }
      throw new ApiError(response.status, problem);
    }
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      // styles through the CSSOM: the Content-Security-Policy refuses inline style attributes
      if (k === 'text') node.textContent = v; else if (k === 'style') node.style.cssText = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  /** Replaces a region's content with a message that says the data is unavailable (never a blank area). */
  function unavailable(region, error) {
    region.setAttribute('aria-busy', 'false');
    const detail = error && error.problem && error.problem.detail ? ' (' + error.problem.detail + ')' : '';
    region.replaceChildren(el(region.tagName === 'UL' ? 'li' : 'p', { class: 'error', text: texts.unavailable + detail }));
  }

  function say(id, message, isError) {
    const node = document.getElementById(id);
    node.textContent = message;
    node.className = isError ? 'error' : '';
  }

  function items(data, ...keys) {
    if (Array.isArray(data)) return data;
    for (const k of keys) if (data && Array.isArray(data[k])) return data[k];
    return [];
  }

  function percent(value) {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    return Math.round((n <= 1 ? n * 100 : n) * 10) / 10;
  }

  /** A figure for a table cell: "suppressed (fewer than 5 people)" where the service withheld it. */
  function figure(row, key, asPercent) {
    const suppressedFlag = row.suppressed === true || (Array.isArray(row.suppressedFields) && row.suppressedFields.includes(key));
    const value = row[key];
    if (suppressedFlag || value === null || value === 'suppressed') {
      return el('span', { class: 'suppressed', text: texts.suppressed });
    }
    if (value === undefined) return '–';
    return asPercent ? percent(value) + ' %' : String(value);
  }

  function lang() { return document.documentElement.lang || 'en'; }

  async function download(path, accept, filename) {
    const response = await fetch(path, { headers: { 'Accept': accept, 'X-Requested-With': 'JavaScript' }, credentials: 'same-origin' });
    if (!response.ok) throw new ApiError(response.status, null);
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  }

  return { api, el, unavailable, say, items, figure, percent, texts, lang, download, ApiError };
})();
