// The explorer's own network: the reference network's step (improved's
// `feed_forward`, `back_propagate` and `Sgd`), written again in plain
// JavaScript so the page can compute while the learner changes things.
// It is a third implementation, so it is proven like the second:
// `cargo run -p improved --example explorer_proof` runs it in Chromium on
// random cases and compares every number with improved's trace (and naive's).
//
// Shapes, as in the crates: ai (inputs + 1, the bias 1 last), wi[i][j]
// (inputs + 1, hidden), ah (hidden), wo[j][k] (hidden, output), ao (output).
// Every sum is added in the order the Rust code adds it, so the numbers
// agree to the last bit or nearly (exp and tanh may differ in the last bit).
"use strict";
const Engine = (() => {
  // Article P1.1: sigmoid(x) = 1 / (1 + e^-x); its slope from its output y: y (1 - y).
  const sigmoid = (x) => 1 / (1 + Math.exp(-x));
  function dsigmoid(y) {
    return y * (1 - y);
  }
  // Article P2.1: tanh, and its slope from its output y: 1 - y^2.
  function dtanh(y) {
    return 1 - y * y;
  }
  const HIDDEN = {
    sigmoid: { activate: sigmoid, derivative: dsigmoid },
    tanh: { activate: Math.tanh, derivative: dtanh },
  };

  // A dot product added as nalgebra adds it: eight running sums over whole
  // blocks of eight, combined pairwise, then the rest one by one.
  function dot(x, y) {
    const n = x.length, acc = [0, 0, 0, 0, 0, 0, 0, 0];
    let i = 0;
    for (; n - i >= 8; i += 8) for (let m = 0; m < 8; m++) acc[m] += x[i + m] * y[i + m];
    let res = 0;
    res += acc[0] + acc[4];
    res += acc[1] + acc[5];
    res += acc[2] + acc[6];
    res += acc[3] + acc[7];
    for (; i < n; i++) res += x[i] * y[i];
    return res;
  }
  const column = (m, c) => m.map((row) => row[c]);
  const copy = (m) => m.map((row) => row.slice());
  const zeros = (rows, cols) => Array.from({ length: rows }, () => new Array(cols).fill(0));

  // Article P2.1: softmax, shifted by the largest sum so exp never overflows.
  function softmax(z) {
    const max = z.reduce((a, b) => Math.max(a, b), z[0]);
    const e = z.map((v) => Math.exp(v - max));
    let sum = 0;
    for (const v of e) sum += v;
    return e.map((v) => v / sum);
  }

  // Article P1.3 / P2.1: one sample through the network.
  // hidden_sums = wi^T ai, ah = activation(hidden_sums),
  // output_sums = wo^T ah, ao = sigmoid each or softmax.
  function forward(net, settings, inputs) {
    const ai = inputs.concat([1]);
    const H = net.wi[0].length, O = net.wo[0].length;
    const hidden_sums = Array.from({ length: H }, (_, j) => dot(column(net.wi, j), ai));
    const ah = hidden_sums.map(HIDDEN[settings.hidden].activate);
    const output_sums = Array.from({ length: O }, (_, k) => dot(column(net.wo, k), ah));
    const ao = settings.output === "softmax" ? softmax(output_sums) : output_sums.map(sigmoid);
    return { ai, hidden_sums, ah, output_sums, ao };
  }

  // Article P1.4 / P2.1: squared error (logistic outputs) or cross-entropy
  // (softmax; a target of 0 adds nothing, ln 0 is kept finite).
  function loss(settings, targets, ao) {
    let total = 0;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k], a = ao[k];
      if (settings.output === "softmax") {
        if (t === 0) continue;
        total += -(t * Math.log(a === 0 ? 2.2250738585072014e-308 : a));
      } else {
        total += 0.5 * (t - a) * (t - a);
      }
    }
    return total;
  }

  // Article P1.4 / P2.1: output_deltas = dsigmoid(ao) * -(t - ao) (logistic)
  // or -(t - ao) (softmax with cross-entropy).
  function outputDeltas(settings, ao, targets) {
    return ao.map((a, k) => (settings.output === "softmax" ? -(targets[k] - a) : dsigmoid(a) * -(targets[k] - a)));
  }

  // Article P1.4: hidden_deltas[j] = activation'(ah[j]) * sum over k of wo[j][k] output_deltas[k],
  // with the weights before this step's update.
  function hiddenDeltas(settings, wo, ah, od) {
    const derivative = HIDDEN[settings.hidden].derivative;
    return ah.map((y, j) => {
      let back = 0;
      for (let k = 0; k < od.length; k++) back += od[k] * wo[j][k];
      return back * derivative(y);
    });
  }

  // Article P1.4 / P2.4: moves w against change (its gradient), c is the
  // rule's memory. gradient = change + l2 w; the article's rule:
  // w -= lr gradient + mu c, then c = change; classical: c = mu c - lr gradient, w += c.
  function update(w, c, change, settings, l2) {
    const lr = settings.rate, mu = settings.mu;
    for (let r = 0; r < w.length; r++) {
      for (let q = 0; q < w[r].length; q++) {
        const g = change[r][q] + w[r][q] * l2;
        if (settings.momentum === "classical") {
          c[r][q] = c[r][q] * mu - g * lr;
          w[r][q] = w[r][q] + c[r][q];
        } else {
          w[r][q] = w[r][q] - (g * lr + c[r][q] * mu);
          c[r][q] = change[r][q];
        }
      }
    }
  }

  // A network from its weights, with its momentum memory at zero.
  function network(wi, wo) {
    return { wi: copy(wi), wo: copy(wo), ci: zeros(wi.length, wi[0].length), co: zeros(wo.length, wo[0].length) };
  }

  // One training step on one sample; returns every number it computed, in
  // the names of improved's trace (`improved::trace::StepTrace`).
  function step(net, settings, inputs, targets) {
    const f = forward(net, settings, inputs);
    const t = {
      rate: settings.rate, targets: targets.slice(), ...f,
      hidden_slopes: f.ah.map(HIDDEN[settings.hidden].derivative),
      output_slopes: f.ao.map(dsigmoid),
      wo_before: copy(net.wo), co_before: copy(net.co), wi_before: copy(net.wi), ci_before: copy(net.ci),
    };
    t.output_deltas = outputDeltas(settings, f.ao, targets);
    t.hidden_deltas = hiddenDeltas(settings, net.wo, f.ah, t.output_deltas);
    t.wo_change = f.ah.map((a) => t.output_deltas.map((d) => a * d));
    t.wi_change = f.ai.map((a) => t.hidden_deltas.map((d) => a * d));
    update(net.wo, net.co, t.wo_change, settings, settings.l2);
    update(net.wi, net.ci, t.wi_change, settings, settings.l2);
    t.wo_after = copy(net.wo);
    t.wi_after = copy(net.wi);
    t.error = loss(settings, targets, f.ao);
    return t;
  }

  // The loss of one sample for given weights (no update): E(w).
  function error(wi, wo, settings, inputs, targets) {
    return loss(settings, targets, forward({ wi, wo }, settings, inputs).ao);
  }

  // Article P2.3 and the trainer: one epoch over rows in `order`, one-hot
  // targets from the labels; returns the mean loss of the samples.
  function epoch(net, settings, xy, labels, order, outputs) {
    let total = 0;
    for (const n of order) {
      const targets = Array.from({ length: outputs }, (_, k) => (k === labels[n] ? 1 : 0));
      const f = forward(net, settings, xy[n]);
      const od = outputDeltas(settings, f.ao, targets);
      const hd = hiddenDeltas(settings, net.wo, f.ah, od);
      update(net.wo, net.co, f.ah.map((a) => od.map((d) => a * d)), settings, settings.l2);
      update(net.wi, net.ci, f.ai.map((a) => hd.map((d) => a * d)), settings, settings.l2);
      total += loss(settings, targets, f.ao);
    }
    return total / order.length;
  }

  // The index of the largest output (the first on a tie), as data::argmax.
  function argmax(ao) {
    let best = 0;
    for (let k = 1; k < ao.length; k++) if (ao[k] > ao[best]) best = k;
    return best;
  }

  // A seeded generator for the page's own runs (mulberry32), and normal
  // draws from it (Box-Muller).
  function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    const shuffle = (order) => {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      return order;
    };
    return { next, normal, shuffle };
  }

  // Article P2.2: starting weights drawn from Normal(0, 1 / sqrt(fan-in)).
  function scaledWeights(inputs, hidden, outputs, random) {
    const draw = (rows, cols) => Array.from({ length: rows }, () =>
      Array.from({ length: cols }, () => random.normal() / Math.sqrt(rows)));
    return { wi: draw(inputs + 1, hidden), wo: draw(hidden, outputs) };
  }

  return { sigmoid, dsigmoid, dtanh, softmax, dot, forward, loss, step, error, epoch, argmax, network, rng, scaledWeights, copy };
})();
