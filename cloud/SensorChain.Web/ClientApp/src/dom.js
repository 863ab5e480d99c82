// Tiny DOM and fetch helpers (no framework).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) { if (v != null) { node.setAttribute(k, v); } }
  for (const c of children.flat()) { if (c != null) { node.append(c instanceof Node ? c : String(c)); } }
  return node;
}

export function clear(node) { while (node.firstChild) { node.firstChild.remove(); } }

export function fmt(value, digits) { return value == null ? '–' : Number(value).toFixed(digits); }

export async function api(method, url, body) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const res = await fetch(url, init);
  let data = null;
  const type = res.headers.get('content-type') || '';
  if (type.includes('json')) { data = await res.json(); } else { data = await res.text(); }
  return { ok: res.ok, status: res.status, body: data };
}
