/**
 * The one logistic regression every learned layer is fitted with (the lexical layer, the scenario
 * reading, the blame signal): a softmax over `classes` weight columns, one column being the binary case
 * (a sigmoid against an implicit zero), over sparse rows with sample weights, an elastic-net penalty and
 * optional sign constraints per feature. Fitted by accelerated proximal gradient (FISTA) for a fixed
 * number of steps from zero: no randomness, so the same rows always give the same file.
 */

/** One training example: feature indices (each at most once) with their values (1 where omitted). */
export interface LogisticRow {
  readonly features: readonly number[];
  readonly values?: readonly number[];
  /** The class: 0 or 1 with one column, 0 … classes − 1 with several. */
  readonly label: number;
  /** Relative weight (1 where omitted); the weights are normalised to sum to 1, so penalties do not depend on the number of rows. */
  readonly weight?: number;
}

export interface LogisticOptions {
  /** Weight columns: 1 for a binary model, the number of classes for a multinomial one. */
  classes: number;
  /** Penalties on the mean loss: L1 drops features that add nothing beyond others, L2 spreads weight over correlated ones. */
  l1?: number;
  l2: number;
  iterations: number;
  /** Per feature, the sign its weights may take: 1 only ≥ 0, -1 only ≤ 0, 0 (or omitted) either. */
  signs?: ArrayLike<number>;
  /** Without a bias the scores are the features' weights alone (a model read against a fixed threshold). */
  intercept?: boolean;
}

export interface LogisticModel {
  classes: number;
  /** Feature f's weight for class c at f × classes + c. */
  weights: Float64Array;
  bias: Float64Array;
}

/** The scores (logits) of one row: one per column. */
export function logits(model: LogisticModel, features: readonly number[], values?: readonly number[], into?: Float64Array): Float64Array {
  const K = model.classes;
  const z = into ?? new Float64Array(K);
  z.set(model.bias);
  for (let k = 0; k < features.length; k++) {
    const v = values ? values[k]! : 1;
    const base = features[k]! * K;
    for (let c = 0; c < K; c++) z[c]! += model.weights[base + c]! * v;
  }
  return z;
}

export function fitLogistic(rows: readonly LogisticRow[], featureCount: number, options: LogisticOptions): LogisticModel {
  const K = options.classes;
  const { l2, signs } = options;
  const l1 = options.l1 ?? 0;
  const intercept = options.intercept ?? true;
  const total = rows.reduce((sum, r) => sum + (r.weight ?? 1), 0);
  const share = rows.map((r) => (r.weight ?? 1) / total);
  // 1/L, L bounding the gradient's Lipschitz constant: ¼ (sigmoid) or ½ (softmax) × Σ sᵢ (‖xᵢ‖² + 1), plus l2.
  let trace = 0;
  rows.forEach((r, i) => {
    let norm = intercept ? 1 : 0;
    r.features.forEach((_, k) => (norm += r.values ? r.values[k]! ** 2 : 1));
    trace += share[i]! * norm;
  });
  const step = 1 / ((K === 1 ? 0.25 : 0.5) * trace + l2);

  const size = featureCount * K;
  const w = new Float64Array(size);
  const previous = new Float64Array(size);
  const y = new Float64Array(size); // the extrapolated point
  const gradient = new Float64Array(size);
  const bias = new Float64Array(K);
  const biasPrevious = new Float64Array(K);
  const yBias = new Float64Array(K);
  const gradientBias = new Float64Array(K);
  const z = new Float64Array(K);
  const extrapolated: LogisticModel = { classes: K, weights: y, bias: yBias };
  let t = 1;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    gradient.fill(0);
    gradientBias.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const { features, values, label } = rows[i]!;
      logits(extrapolated, features, values, z);
      residuals(z, label);
      for (let c = 0; c < K; c++) {
        const g = share[i]! * z[c]!;
        gradientBias[c]! += g;
        for (let k = 0; k < features.length; k++) gradient[features[k]! * K + c]! += g * (values ? values[k]! : 1);
      }
    }
    previous.set(w);
    biasPrevious.set(bias);
    for (let j = 0; j < size; j++) {
      const moved = y[j]! - step * (gradient[j]! + l2 * y[j]!);
      const shrunk = Math.sign(moved) * Math.max(0, Math.abs(moved) - step * l1);
      const sign = signs?.[Math.floor(j / K)] ?? 0;
      w[j] = sign > 0 ? Math.max(0, shrunk) : sign < 0 ? Math.min(0, shrunk) : shrunk;
    }
    if (intercept) for (let c = 0; c < K; c++) bias[c] = yBias[c]! - step * gradientBias[c]!;
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = (t - 1) / tNext;
    for (let j = 0; j < size; j++) y[j] = w[j]! + momentum * (w[j]! - previous[j]!);
    for (let c = 0; c < K; c++) yBias[c] = bias[c]! + momentum * (bias[c]! - biasPrevious[c]!);
    t = tNext;
  }
  return { classes: K, weights: w, bias };
}

/** In place: logits → predicted probability minus the label, per column (sigmoid for one, softmax for several). */
function residuals(z: Float64Array, label: number): void {
  if (z.length === 1) {
    z[0] = 1 / (1 + Math.exp(-z[0]!)) - label;
    return;
  }
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < z.length; c++) z[c] = z[c]! / sum - (c === label ? 1 : 0);
}
