// SensorChain dashboard: a small hash-routed page over the /api JSON and SSE endpoints. Bundled by esbuild.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el, clear, fmt, api } from './dom.js';

const state = { me: null, live: null, alertsSource: null, alerts: new Map(), timers: [], observers: [] };
const view = () => document.getElementById('view');

async function boot() {
  document.getElementById('login-form').addEventListener('submit', onLogin);
  document.getElementById('logout').addEventListener('click', onLogout);
  window.addEventListener('hashchange', route);
  const me = await api('GET', '/api/me');
  if (me.ok) { signedIn(me.body); } else { showLogin(); }
}

function showLogin() {
  state.me = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('login-view').hidden = false;
  clear(view());
  document.getElementById('username').focus();
}

async function onLogin(e) {
  e.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const res = await api('POST', '/api/session', {
    username: document.getElementById('username').value,
    password: document.getElementById('password').value,
  });
  if (!res.ok) { error.textContent = 'Sign-in failed: check the username and password.'; return; }
  signedIn(res.body);
}

async function onLogout() {
  await api('POST', '/api/session/logout');
  stopAll();
  if (state.alertsSource) { state.alertsSource.close(); state.alertsSource = null; }
  location.hash = '';
  showLogin();
}

function signedIn(me) {
  state.me = me;
  document.getElementById('login-view').hidden = true;
  const nav = document.getElementById('nav');
  nav.hidden = false;
  for (const a of nav.querySelectorAll('[data-role]')) { a.hidden = a.dataset.role !== me.role; }
  document.getElementById('whoami').textContent = `${me.displayName} · ${me.role}`;
  startAlertStream();
  if (!location.hash || location.hash === '#/') { location.hash = '#/patients'; } else { route(); }
}

function stopAll() {
  if (state.live) { state.live.close(); state.live = null; }
  for (const t of state.timers) { clearInterval(t); }
  state.timers = [];
  for (const o of state.observers) { o.disconnect(); }
  state.observers = [];
}

function route() {
  if (!state.me) { return; }
  stopAll();
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const root = view();
  clear(root);
  switch (parts[0]) {
    case 'patient': return livePage(root, decodeURIComponent(parts[1] || ''));
    case 'alerts': return alertsPage(root);
    case 'consent': return consentPage(root);
    case 'audit': return auditPage(root);
    case 'users': return usersPage(root);
    default: return patientsPage(root);
  }
}

// ---------- patient list ----------
async function patientsPage(root) {
  root.append(el('h1', {}, 'Patients'));
  const table = el('table', { id: 'patients' }, el('caption', { class: 'hide-narrow' }, 'Patients you may see, with NEWS2 and latest vitals'),
    el('thead', {}, el('tr', {}, ...['Patient', 'NEWS2', 'HR', 'SpO2', 'Temp', 'BP', 'Glucose'].map(h => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  table.append(body);
  root.append(table);
  const load = async () => {
    const res = await api('GET', '/api/patients');
    if (!res.ok) { return; }
    clear(body);
    if (res.body.length === 0) { body.append(el('tr', {}, el('td', { colspan: '7' }, 'No patients have shared data with you.'))); }
    for (const p of res.body) {
      const v = p.latest || {};
      const name = p.profile ? p.profile.name : p.patientId;
      body.append(el('tr', { 'data-patient': p.patientId },
        el('td', {}, el('a', { href: `#/patient/${encodeURIComponent(p.patientId)}` }, name)),
        el('td', { class: p.news2 ? `risk-${p.news2.risk}` : '' }, p.news2 ? `${p.news2.score} (${p.news2.risk})` : '–'),
        el('td', {}, fmt(v.heartRate, 0)), el('td', {}, fmt(v.spO2, 0)), el('td', {}, fmt(v.temperature, 1)),
        el('td', {}, v.systolic != null ? `${fmt(v.systolic, 0)}/${fmt(v.diastolic, 0)}` : '–'), el('td', {}, fmt(v.glucose, 0))));
    }
  };
  await load();
  state.timers.push(setInterval(load, 5000));
}

// ---------- live view ----------
const WINDOW_S = 5;

function waveChart(target, label, color) {
  const opts = {
    title: label, width: Math.max(280, target.clientWidth || 600), height: 160,
    scales: { x: { time: false } }, legend: { show: false },
    axes: [{ label: 's' }, {}],
    series: [{}, { label, stroke: color, width: 1.5, points: { show: false } }],
  };
  return fit(new uPlot(opts, [[], []], target), target);
}

// Keeps a chart as wide as its box (phones, rotation, window resizes).
function fit(chart, box) {
  const observer = new ResizeObserver(() => {
    const width = Math.max(200, box.clientWidth - 2);
    if (Math.abs(chart.width - width) > 1) { chart.setSize({ width, height: chart.height }); }
  });
  observer.observe(box);
  state.observers.push(observer);
  return chart;
}

async function livePage(root, patientId) {
  const head = await api('GET', `/api/patients/${encodeURIComponent(patientId)}`);
  if (!head.ok) {
    root.append(el('h1', {}, 'Live view'), el('p', { id: 'live-status', class: 'status ended', role: 'status' }, 'You do not have access to this patient.'));
    return;
  }
  const p = head.body;
  const profile = p.profile || {};
  root.append(el('h1', {}, profile.name || patientId));
  if (profile.phone || profile.birthDate) {
    root.append(el('p', {}, [profile.birthDate ? `Born ${profile.birthDate}` : '', profile.phone ? `Phone ${profile.phone}` : ''].filter(Boolean).join(' · ')));
  }
  root.append(el('p', {}, `You may see: ${p.categories.join(', ') || 'nothing'}`));
  const status = el('p', { id: 'live-status', class: 'status', role: 'status' }, 'Connecting…');
  const live = el('div', { id: 'live-view', 'data-frames': '0' });
  const tiles = el('div', { class: 'tiles', id: 'vitals' });
  const tile = (id, label) => el('div', { class: 'tile' }, el('div', { class: 'label', id: `${id}-label` }, label), el('div', { class: 'value', id, 'aria-labelledby': `${id}-label` }, '–'));
  tiles.append(tile('vital-hr', 'Heart rate /min'), tile('vital-spo2', 'SpO2 %'), tile('vital-temp', 'Temp °C'), tile('vital-rr', 'Resp /min'), tile('vital-bp', 'BP mmHg'), tile('vital-glucose', 'Glucose mg/dL'));
  const ecgBox = el('div', { class: 'chart', id: 'ecg-chart', role: 'img', 'aria-label': 'ECG waveform, last 5 seconds' });
  const ppgBox = el('div', { class: 'chart', id: 'ppg-chart', role: 'img', 'aria-label': 'PPG waveform, last 5 seconds' });
  const trendBox = el('div', { class: 'chart', id: 'trend-chart', role: 'img', 'aria-label': 'Heart rate and SpO2 trend' });
  live.append(tiles, el('h2', {}, 'ECG'), ecgBox, el('h2', {}, 'PPG'), ppgBox, el('h2', {}, 'Trend'), trendBox);
  root.append(status, live);

  const charts = { ecg: waveChart(ecgBox, 'ECG mV', '#b00020'), ppg: waveChart(ppgBox, 'PPG', '#0b4f9c') };
  const buffers = { ecg: { x: [], y: [] }, ppg: { x: [], y: [] } };
  const trend = new uPlot({
    title: 'HR and SpO2', width: Math.max(280, trendBox.clientWidth || 600), height: 180, legend: { show: true },
    series: [{}, { label: 'HR /min', stroke: '#b00020' }, { label: 'SpO2 %', stroke: '#0b4f9c' }],
  }, [[], [], []], trendBox);
  fit(trend, trendBox);
  const trendData = [[], [], []];
  const tr = await api('GET', `/api/patients/${encodeURIComponent(patientId)}/trend`);
  if (tr.ok) {
    for (const v of tr.body) { trendData[0].push(v.atUnixMs / 1000); trendData[1].push(v.heartRate); trendData[2].push(v.spO2); }
    trend.setData(trendData);
  }

  let frames = 0;
  const source = new EventSource(`/api/patients/${encodeURIComponent(patientId)}/live`);
  state.live = source;
  const ended = (text) => {
    source.close();
    status.textContent = text;
    status.className = 'status ended';
    clear(live);
    live.setAttribute('data-frames', '0');
    live.append(el('p', { id: 'live-empty' }, 'No data: access to this patient has ended.'));
  };
  source.addEventListener('hello', () => { status.textContent = 'Live'; status.className = 'status live'; });
  source.addEventListener('revoked', () => ended('Access ended: the patient revoked your access.'));
  source.addEventListener('error', () => { if (source.readyState === EventSource.CLOSED) { ended('Live stream closed.'); } });
  source.addEventListener('frame', (e) => {
    const f = JSON.parse(e.data);
    frames++;
    live.setAttribute('data-frames', String(frames));
    const v = f.vitals;
    setText('vital-hr', fmt(v.heartRate, 0)); setText('vital-spo2', fmt(v.spO2, 0)); setText('vital-temp', fmt(v.temperature, 1));
    setText('vital-rr', fmt(v.respirationRate, 0)); setText('vital-glucose', fmt(v.glucose, 0));
    if (v.systolic != null) { setText('vital-bp', `${fmt(v.systolic, 0)}/${fmt(v.diastolic, 0)}`); }
    for (const w of f.waves) {
      const buf = buffers[w.name];
      if (!buf) { continue; }
      const t0 = f.startUnixMs / 1000;
      for (let i = 0; i < w.values.length; i++) { buf.x.push(t0 + i / w.rateHz); buf.y.push(w.values[i]); }
      const cut = buf.x.length - Math.round(WINDOW_S * w.rateHz);
      if (cut > 0) { buf.x.splice(0, cut); buf.y.splice(0, cut); }
      const base = buf.x[0];
      charts[w.name].setData([buf.x.map(x => x - base), buf.y]);
    }
    if (v.heartRate != null || v.spO2 != null) {
      trendData[0].push(f.startUnixMs / 1000); trendData[1].push(v.heartRate); trendData[2].push(v.spO2);
      if (trendData[0].length > 900) { for (const a of trendData) { a.shift(); } }
      trend.setData(trendData);
    }
  });
}

function setText(id, text) { const n = document.getElementById(id); if (n) { n.textContent = text; } }

// ---------- alerts ----------
function startAlertStream() {
  if (state.alertsSource) { state.alertsSource.close(); }
  state.alerts.clear();
  api('GET', '/api/alerts').then(res => {
    if (res.ok) { for (const a of res.body) { state.alerts.set(a.id, a); } renderAlerts(); }
  });
  const source = new EventSource('/api/alerts/stream');
  source.addEventListener('alert', (e) => { const a = JSON.parse(e.data); state.alerts.set(a.id, a); renderAlerts(); });
  state.alertsSource = source;
}

function renderAlerts() {
  const open = [...state.alerts.values()].filter(a => a.state === 'Open').length;
  document.getElementById('alert-count').textContent = open ? String(open) : '';
  const list = document.getElementById('alert-list');
  if (!list) { return; }
  clear(list);
  const all = [...state.alerts.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  if (all.length === 0) { list.append(el('li', { class: 'alert-item' }, 'No alerts.')); }
  for (const a of all) {
    const item = el('li', { class: `alert-item ${a.severity}`, 'data-alert': a.id, 'data-state': a.state },
      el('strong', {}, a.title), ' · ', el('a', { href: `#/patient/${encodeURIComponent(a.patientId)}` }, 'patient'),
      el('div', {}, `${a.detail} · ${new Date(a.raisedAt).toLocaleTimeString()} · `, el('span', { class: 'alert-state' }, a.state),
        a.handledBy ? ` by ${a.handledBy}` : ''));
    if (a.state === 'Open' && (state.me.role === 'Doctor' || state.me.role === 'Caregiver')) {
      const ack = el('button', { type: 'button' }, 'Acknowledge');
      ack.addEventListener('click', () => act(a.id, 'ack'));
      const esc = el('button', { type: 'button', class: 'secondary' }, 'Escalate');
      esc.addEventListener('click', () => act(a.id, 'escalate'));
      item.append(el('div', { class: 'actions' }, ack, esc));
    }
    list.append(item);
  }
}

async function act(id, what) {
  const res = await api('POST', `/api/alerts/${encodeURIComponent(id)}/${what}`);
  if (res.ok) { state.alerts.set(id, res.body); renderAlerts(); }
}

function alertsPage(root) {
  root.append(el('h1', {}, 'Alerts'), el('ul', { id: 'alert-list', class: 'plain' }));
  renderAlerts();
}

// ---------- consent (patient) ----------
async function consentPage(root) {
  const pid = state.me.patientId;
  root.append(el('h1', {}, 'Who may see my data'));
  const list = el('ul', { id: 'consent-list', class: 'plain' });
  root.append(list);
  const load = async () => {
    const res = await api('GET', `/api/patients/${encodeURIComponent(pid)}/consents`);
    clear(list);
    if (!res.ok) { return; }
    for (const g of res.body) {
      const period = [g.start ? `from ${g.start.slice(0, 10)}` : '', g.end ? `until ${g.end.slice(0, 10)}` : ''].filter(Boolean).join(' ');
      const item = el('li', { class: 'alert-item', 'data-consent': g.id, 'data-grantee': g.granteeDisplay },
        el('strong', {}, g.granteeDisplay), ` (${g.grantee}) · ${g.categories.join(', ')} ${period} · `,
        el('span', { class: 'consent-state' }, g.active ? 'active' : 'revoked'),
        g.revealedFields.length ? ` · may see private: ${g.revealedFields.join(', ')}` : '');
      if (g.active) {
        const b = el('button', { type: 'button', class: 'danger', 'aria-label': `Revoke access of ${g.granteeDisplay}` }, 'Revoke');
        b.addEventListener('click', async () => { await api('POST', `/api/patients/${encodeURIComponent(pid)}/consents/${g.id}/revoke`); load(); });
        item.append(el('div', { class: 'actions' }, b));
      }
      list.append(item);
    }
  };
  await load();

  const grantees = await api('GET', '/api/grantees');
  const select = el('select', { id: 'grantee' }, ...(grantees.ok ? grantees.body : []).map(g => el('option', { value: `${g.grantee}|${g.id}` }, g.display)),
    el('option', { value: 'research|' }, 'De-identified research'));
  const checks = (name, values) => el('div', { class: 'checks' }, ...values.map(v => el('label', {}, el('input', { type: 'checkbox', name, value: v }), v)));
  const form = el('form', { id: 'grant-form' },
    el('h2', {}, 'Grant access'),
    el('label', { for: 'grantee' }, 'Person or organization'), select,
    el('fieldset', {}, el('legend', {}, 'Data'), checks('category', ['vitals', 'waveforms', 'location', 'glucose'])),
    el('fieldset', {}, el('legend', {}, 'Private fields they may see'), checks('field', ['name', 'birthDate', 'phone', 'address'])),
    el('label', { for: 'grant-end' }, 'Until (optional)'), el('input', { id: 'grant-end', type: 'date' }),
    el('button', { type: 'submit' }, 'Grant'), el('p', { id: 'grant-error', class: 'error', role: 'alert' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const [grantee, id] = select.value.split('|');
    const cats = [...form.querySelectorAll('input[name=category]:checked')].map(i => i.value);
    const fields = [...form.querySelectorAll('input[name=field]:checked')].map(i => i.value);
    const end = document.getElementById('grant-end').value;
    const res = await api('POST', `/api/patients/${encodeURIComponent(pid)}/consents`, {
      grantee, granteeUsername: grantee === 'person' ? id : null, organizationId: grantee === 'organization' ? id : null,
      categories: grantee === 'research' ? ['research'] : cats, revealedFields: fields, end: end ? `${end}T23:59:59Z` : null,
    });
    document.getElementById('grant-error').textContent = res.ok ? '' : (typeof res.body === 'string' ? res.body : 'Could not grant.');
    load();
  });
  root.append(form);

  const privacy = await api('GET', `/api/patients/${encodeURIComponent(pid)}/privacy`);
  if (privacy.ok) {
    const pf = el('form', { id: 'privacy-form' }, el('h2', {}, 'Private fields'),
      el('fieldset', {}, el('legend', {}, 'Hide unless I grant them'), checks('private', ['name', 'birthDate', 'phone', 'address'])),
      el('button', { type: 'submit' }, 'Save'));
    for (const i of pf.querySelectorAll('input[name=private]')) { i.checked = privacy.body.privateFields.includes(i.value); }
    pf.addEventListener('submit', async (e) => {
      e.preventDefault();
      await api('PUT', `/api/patients/${encodeURIComponent(pid)}/privacy`, { privateFields: [...pf.querySelectorAll('input[name=private]:checked')].map(i => i.value) });
    });
    root.append(pf);
  }
}

// ---------- audit (patient) ----------
async function auditPage(root) {
  const pid = state.me.patientId;
  root.append(el('h1', {}, 'Who accessed my data'),
    el('p', {}, el('a', { href: `/report/access/${encodeURIComponent(pid)}`, target: '_blank', rel: 'noopener' }, 'Printable access report')));
  const res = await api('GET', `/api/patients/${encodeURIComponent(pid)}/audit`);
  const table = el('table', { id: 'audit' }, el('thead', {}, el('tr', {}, ...['When', 'Who', 'Role', 'What', 'Outcome'].map(h => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const r of res.ok ? res.body : []) {
    body.append(el('tr', { 'data-actor': r.actorName },
      el('td', {}, new Date(r.recorded).toLocaleString()), el('td', {}, r.actorName), el('td', {}, r.actorRole), el('td', {}, r.what),
      el('td', {}, r.allowed ? 'allowed' : 'denied')));
  }
  table.append(body);
  root.append(table);
}

// ---------- users (organization admin) ----------
async function usersPage(root) {
  root.append(el('h1', {}, 'Users'), el('p', { id: 'users-status', role: 'status' }));
  const res = await api('GET', '/api/admin/users');
  const table = el('table', { id: 'users' }, el('thead', {}, el('tr', {}, ...['Name', 'Username', 'Role', 'Status', 'Actions'].map(h => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const u of res.ok ? res.body : []) {
    const toggle = el('button', { type: 'button', class: u.disabled ? '' : 'secondary', 'aria-label': `${u.disabled ? 'Enable' : 'Disable'} ${u.displayName}` }, u.disabled ? 'Enable' : 'Disable');
    toggle.addEventListener('click', async () => {
      const r = await api('PUT', `/api/admin/users/${encodeURIComponent(u.id)}`, { disabled: !u.disabled });
      setText('users-status', r.ok ? `${u.displayName} ${u.disabled ? 'enabled' : 'disabled'}.` : `Not changed: ${r.body}`);
      if (r.ok) { route(); }
    });
    const revoke = el('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke all tokens of ${u.displayName}` }, 'Revoke tokens');
    revoke.addEventListener('click', async () => {
      const r = await api('POST', `/api/admin/users/${encodeURIComponent(u.id)}/tokens/revoke`);
      setText('users-status', r.ok ? `${r.body} token(s) of ${u.displayName} revoked.` : 'Not revoked.');
    });
    body.append(el('tr', { 'data-user': u.username },
      el('td', {}, u.displayName), el('td', {}, u.username), el('td', {}, u.role), el('td', { class: 'user-state' }, u.disabled ? 'disabled' : 'active'),
      el('td', {}, u.id === state.me.id ? '(you)' : el('div', { class: 'actions' }, toggle, revoke))));
  }
  table.append(body);
  root.append(table);
}

boot();
