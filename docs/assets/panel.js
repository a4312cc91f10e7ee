// "Try it": bpcore's operations in bpcore's order (run_layers, backward, backward_article,
// descend, train), held to bpcore by tests/test_panel.py; fmt() ports render/numbers.py.

const sig = z => { const e = Math.exp(-Math.abs(z)); return z >= 0 ? 1 / (1 + e) : e / (1 + e); };
// Each activation and its slope, given z and a = f(z).
export const ACT = {
  identity: [z => z, () => 1],
  sigmoid: [sig, (z, a) => a * (1 - a)],
  tanh: [Math.tanh, (z, a) => 1 - a * a],
  relu: [z => (z > 0 ? z : 0), z => (z > 0 ? 1 : 0)],
};
export const WEIGHTS = ['v11', 'v12', 'v21', 'v22', 'v31', 'v32', 'w1', 'w2'];
const N = [0, 1, 2];

// bpcore raises at the first operation that overflows: which one was it?
class Ops { constructor() { this.bad = null; } ok(x, op) { if (this.bad === null && !Number.isFinite(x)) this.bad = op; return x; } }

// z = x V, h = g(z), s = h w, y = sigmoid(s), per sample.
export function forward(p, xs, ops = new Ops()) {
  const g = ACT[p.act][0], z = [], h = [], s = [], y = [];
  for (const x of xs) {
    const zk = [0, 1].map(j => x[0] * p.v[0][j] + x[1] * p.v[1][j] + x[2] * p.v[2][j]);
    zk.forEach(v => ops.ok(v, 'matmul'));
    const hk = zk.map(g);
    const sk = ops.ok(hk[0] * p.w[0] + hk[1] * p.w[1], 'matmul');
    z.push(zk); h.push(hk); s.push(sk); y.push(sig(sk));
  }
  return { z, h, s, y, ops };
}

const mean = a => a.reduce((u, v) => u + v, 0) / a.length;
export const terms = (y, t) => y.map((yk, k) => { const d = t[k] - yk; return 0.5 * (d * d); });
export const loss = (y, t) => mean(terms(y, t));

// The exact gradient, or the article's product of means.
export function backward(p, xs, t, tr, rule = 'exact') {
  const m = xs.length, ops = tr.ops, slope = ACT[p.act][1];
  const dy = tr.y.map(y => y * (1 - y));
  const hs = tr.z.map((zk, k) => zk.map((z, j) => slope(z, tr.h[k][j])));
  if (rule === 'article') {
    const d2 = mean(tr.y.map((y, k) => y - t[k])) * mean(dy);
    const gw = [0, 1].map(j => mean(tr.h.map(h => h[j])) * d2);
    const d1 = [0, 1].map(j => ops.ok(d2 * p.w[j], 'matmul') * mean(hs.map(s => s[j])));
    const gv = N.map(i => { const x = mean(xs.map(x => x[i])); return d1.map(d => x * d); });
    return { gv, gw };
  }
  const d2 = tr.y.map((y, k) => ((y - t[k]) / m) * dy[k]);
  const gw = [0, 1].map(j => ops.ok(d2.reduce((u, d, k) => u + tr.h[k][j] * d, 0), 'matmul'));
  const up = d2.map(d => [0, 1].map(j => ops.ok(d * p.w[j], 'matmul')));
  const d1 = up.map((u, k) => u.map((v, j) => ops.ok(v * hs[k][j], 'multiply')));
  const gv = N.map(i => [0, 1].map(j => ops.ok(d1.reduce((u, d, k) => u + xs[k][i] * d[j], 0), 'matmul')));
  return { gv, gw };
}

// p - lr * dE/dp, layer by layer: a layer's products, then its differences.
export function descend(p, g, lr, ops = new Ops()) {
  const rv = g.gv.map(r => r.map(x => ops.ok(lr * x, 'multiply')));
  const v = p.v.map((r, i) => r.map((x, j) => ops.ok(x - rv[i][j], 'subtract')));
  const rw = g.gw.map(x => ops.ok(lr * x, 'multiply'));
  const w = p.w.map((x, j) => ops.ok(x - rw[j], 'subtract'));
  return { ...p, v, w };
}

// Python's repr of a float.
export function repr(x) {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const [m, e] = x.toExponential().split('e'), n = +e, d = m.replace(/[-.]/g, '');
  let s;
  if (n >= -4 && n < 16) {
    s = n < 0 ? '0.' + '0'.repeat(-n - 1) + d : d.slice(0, n + 1).padEnd(n + 1, '0') + '.' + (d.slice(n + 1) || '0');
  } else s = d[0] + (d.length > 1 ? '.' + d.slice(1) : '') + 'e' + (n < 0 ? '-' : '+') + String(Math.abs(n)).padStart(2, '0');
  return (x < 0 ? '-' : '') + s;
}

// The exact decimal digits of a >= 0, and how many precede the point.
function exact(a) {
  if (a === 0) return ['0', 1];
  const dv = new DataView(new ArrayBuffer(8)); dv.setFloat64(0, a);
  const hi = dv.getUint32(0), be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(dv.getUint32(4)), k = be - 1075;
  if (be) m |= 1n << 52n; else k = -1074;
  const s = k >= 0 ? (m << BigInt(k)).toString() : (m * 5n ** BigInt(-k)).toString();
  return [s, s.length + Math.min(k, 0)];
}
// The first n digits of s, rounded half to even (one more on a carry).
function keep(s, n) {
  if (n >= s.length) return s.padEnd(n, '0');
  const d = n > 0 ? s.slice(0, n) : '', r = n >= 0 ? s.slice(n) : '0';
  if (!(r[0] > '5' || (r[0] === '5' && (/[1-9]/.test(r.slice(1)) || +(d.slice(-1) || 0) % 2)))) return d;
  const t = d.split('');
  let k = t.length - 1;
  while (k >= 0 && t[k] === '9') t[k--] = '0';
  return k < 0 ? '1' + t.join('') : (t[k] = String(+t[k] + 1), t.join(''));
}
// Python's f"{x:.{p}f}" from x's exact digits e = exact(|x|).
function fixed(x, p, e = exact(Math.abs(x))) {
  const d = keep(e[0], e[1] + p).padStart(p + 1, '0'), n = d.length - p;
  return (x < 0 || Object.is(x, -0) ? '-' : '') + d.slice(0, n) + (p ? '.' + d.slice(n) : '');
}
const SUP = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const MINUS = '\u2212';
// numbers.fmt: digits decimals, more where they round by over 1%, else scientific.
export function fmt(v, digits = 3) {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : (v < 0 ? MINUS : '') + 'inf';
  const e = exact(Math.abs(v));
  if (v !== 0 && Math.abs(v) < 0.5 * Number('1e-' + digits)) {
    const d = keep(e[0], 3), n = e[1] - 1 + d.length - 3;
    return ((v < 0 ? '-' : '') + d[0] + '.' + d.slice(1, 3) + '×10' + [...String(n)].map(c => SUP[c]).join('')).replace('-', MINUS);
  }
  let places = digits;
  while (Math.abs(Number(fixed(v, places, e)) - v) > 0.01 * Math.abs(v) && places < 17) places++;
  const s = fixed(v, places, e);
  if (s[0] === '-' && Number(s) === 0) return s.slice(1);
  return s.replace('-', MINUS);
}

// Every value the panel shows, by the registry's names.
export function values(p) {
  const out = {}, tr = forward(p, p.x), e = terms(tr.y, p.t), slope = ACT[p.act][1];
  const by = (name, f) => N.forEach(k => { out[`${name}(${k + 1})`] = f(k); });
  by('forward.s', k => tr.s[k]); by('forward.y', k => tr.y[k]); by('loss.term', k => e[k]);
  by('chain.dE_dy', k => tr.y[k] - p.t[k]); by('chain.dy_ds', k => tr.y[k] * (1 - tr.y[k]));
  for (const j of [1, 2]) { by(`forward.h${j}`, k => tr.h[k][j - 1]); by(`chain.dh_dz${j}`, k => slope(tr.z[k][j - 1], tr.h[k][j - 1])); }
  out['loss.E'] = mean(e);
  for (const rule of ['exact', 'article']) {
    const g = backward(p, p.x, p.t, tr, rule), q = descend(p, g, p.lr), gs = [...g.gv.flat(), ...g.gw], ws = [...q.v.flat(), ...q.w];
    WEIGHTS.forEach((n, k) => { out[`grad.${rule}.${n}`] = gs[k]; if (rule === 'exact') out[`new.exact.${n}`] = ws[k]; });
    // bpcore raises where an update overflows: there is no loss after it.
    const f = ws.every(Number.isFinite) ? forward(q, p.x) : null;
    out[`loss.E2.${rule}`] = f && !f.ops.bad ? loss(f.y, p.t) : NaN;
  }
  return out;
}

// bpcore.step: a new network, or the engine's error.
export function step(p) {
  const tr = forward(p, p.x), g = backward(p, p.x, p.t, tr);
  if (tr.ops.bad) return { error: `the gradients overflowed float64 (overflow encountered in ${tr.ops.bad})` };
  const ops = new Ops(), q = descend(p, g, p.lr, ops);
  if (ops.bad) return { error: `the update overflowed float64 (overflow encountered in ${ops.bad}) with learning rate lr=${repr(p.lr)}: a weight or bias would become infinite; try a smaller learning rate lr` };
  return { net: q };
}

// bpcore.train: every epoch's loss and outputs, the final network, and DivergedError's message.
export function train(p, epochs, mode = 'batch') {
  let q = p, tr = forward(q, p.x);
  if (tr.ops.bad) return { losses: [], outputs: [], net: q, diverged: { epoch: 0, message: 'the starting loss overflowed float64' } };
  const losses = [loss(tr.y, p.t)], outputs = [tr.y];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const ops = new Ops();
    if (mode === 'batch') {
      tr.ops = ops;
      q = descend(q, backward(q, p.x, p.t, tr), p.lr, ops);
    } else {
      for (const k of N) q = descend(q, backward(q, [p.x[k]], [p.t[k]], forward(q, [p.x[k]], ops)), p.lr, ops);
    }
    tr = forward(q, p.x, ops);
    if (ops.bad) return { losses, outputs, net: q, diverged: { epoch, message: `training diverged at epoch ${epoch} with learning rate ${repr(p.lr)}: overflow encountered in ${ops.bad}; try a smaller learning rate lr` } };
    losses.push(loss(tr.y, p.t)); outputs.push(tr.y);
  }
  return { losses, outputs, net: q, diverged: null };
}

// The page.
const root = typeof document === 'undefined' ? null : document.getElementById('bp-panel');
if (root) {
  const $ = s => root.querySelector(s), all = s => root.querySelectorAll(s), field = k => $(`[data-key="${k}"]`);
  const spans = [...all('.bp-num')], error = $('.bp-panel-error'), said = document.createElement('span');
  $('.bp-panel-status').prepend(said);
  const num = k => { const el = field(k), v = el.value.trim() ? +el.value : NaN; el.setAttribute('aria-invalid', !Number.isFinite(v)); return v; };
  const read = () => ({
    v: N.map(i => [num(`v${i + 1}1`), num(`v${i + 1}2`)]), w: [num('w1'), num('w2')],
    x: N.map(k => N.map(i => num(`x${i + 1}.${k}`))), t: N.map(k => num(`t.${k}`)), lr: num('lr'), act: field('act').value,
  });
  const show = msg => { error.textContent = msg; error.hidden = !msg; };
  const epochs = () => Math.min(10000, Math.max(1, Math.round($('#bp-epochs').value) || 1)), mode = () => $('#bp-mode').value;
  const run = p => train(p, epochs(), mode());
  const how = r => `${r.diverged ? r.diverged.epoch - 1 : epochs()} epochs of ${mode() === 'batch' ? 'batch' : 'per-sample'} updates`;

  // What training from the fields would do: the loss (log scale) and the outputs against the targets.
  const svgs = all('.bp-run svg'), txt = (x, y, s, a = 'end') => `<text x="${x}" y="${y}" text-anchor="${a}">${s}</text>`;
  const axes = (n, top, low) => `<path class="bp-axis" d="M66 10V130H310"/>${txt(62, 15, top)}${txt(62, 134, low)}${txt(66, 150, 0, 'start')}${txt(310, 150, `epoch ${n}`)}`;
  const line = (ys, y, c) => `<polyline class="${c}" points="${ys.map((v, i) => `${(66 + (244 * i) / (ys.length - 1 || 1)).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`;
  const draw = (p, r) => {
    const E = r.losses.map(e => Math.max(e, 1e-300)), L = E.map(Math.log10), n = E.length;
    const hi = Math.max(...L), lo = Math.min(...L), Y = v => 130 - 120 * v;
    svgs[0].innerHTML = n ? axes(n - 1, fmt(Math.max(...E)), fmt(Math.min(...E))) + line(L, l => 10 + (120 * (hi - l)) / (hi - lo || 1), 'bp-c1') : '';
    svgs[1].innerHTML = n ? axes(n - 1, 1, 0) + N.map(k => `<path class="bp-t bp-c${k + 1}" d="M66 ${Y(p.t[k])}H310"/>${line(r.outputs.map(y => y[k]), Y, `bp-c${k + 1}`)}`).join('') : '';
    $('#bp-run-cap').textContent = `From these weights, ${r.diverged ? r.diverged.message : `${how(r)}: the loss goes from ${fmt(E[0])} to ${fmt(E[n - 1])}; press Train to keep the trained weights`}.`;
  };
  let frame = 0;
  const render = (note = '') => {
    const p = read();
    if ([...p.v.flat(), ...p.w, ...p.x.flat(), ...p.t].some(v => !Number.isFinite(v)) || !(p.lr > 0 && p.lr < Infinity)) {
      show('Every field needs a finite number, and the learning rate must be positive.'); return null;
    }
    show('');
    const vals = values(p);
    for (const el of spans) { const v = vals[el.dataset.name]; el.textContent = fmt(v); el.title = repr(v); }
    said.textContent = note;
    cancelAnimationFrame(frame); frame = requestAnimationFrame(() => draw(p, run(p)));
    return p;
  };
  const keep = (q, note) => { [...q.v.flat(), ...q.w].forEach((x, k) => { field(WEIGHTS[k]).value = x; }); render(note); };
  const act = {
    step(p) { const r = step(p); r.error ? show(r.error) : keep(r.net, 'After one step. '); },
    train(p) { const r = run(p); r.diverged ? show(r.diverged.message) : keep(r.net, `After ${how(r)}. `); },
    reset() {
      all('input').forEach(el => { el.value = el.defaultValue; });
      all('select').forEach(el => { el.value = (el.querySelector('[selected]') || el.options[0]).value; });
      render('Reset. ');
    },
  };
  root.addEventListener('input', () => render());
  root.addEventListener('click', e => { const b = e.target.closest('[data-do]'), k = b?.dataset.do, p = b && (k === 'reset' || render()); if (p) act[k](p); });
  all('input[data-key]').forEach(el => { el.type = 'number'; el.step = 'any'; });
  $('.bp-panel-inputs').disabled = $('.bp-run').hidden = false;
  $('.bp-panel-nojs').hidden = true;
  render();
  root.dataset.ready = 'yes';
}
