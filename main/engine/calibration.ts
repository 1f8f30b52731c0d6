// Temperature scaling (Guo et al. 2017): one number T divides the logits so that the probabilities match
// how often the model is right on held-out data. It never changes which label ranks first.

export type Activation = 'softmax' | 'sigmoid';

export function softmaxInPlace(z: Float64Array | Float32Array, temperature = 1): void {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]! / temperature);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i]! / temperature - max);
    sum += z[i]!;
  }
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Mean negative log-likelihood of the truth at temperature T. `truth[i]` holds the true class indices. */
export function negativeLogLikelihood(
  logits: Float32Array[],
  truth: number[][],
  activation: Activation,
  T: number,
): number {
  let total = 0;
  const row = new Float64Array(logits[0]?.length ?? 0);
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    if (activation === 'softmax') {
      row.set(z);
      softmaxInPlace(row, T);
      total -= Math.log(Math.max(row[truth[i]![0]!]!, 1e-12));
    } else {
      const positive = new Set(truth[i]);
      for (let c = 0; c < z.length; c++) {
        const p = sigmoid(z[c]! / T);
        total -= Math.log(Math.max(positive.has(c) ? p : 1 - p, 1e-12));
      }
    }
  }
  return logits.length ? total / logits.length : 0;
}

/**
 * The temperature that minimises held-out NLL (golden-section search on log T in [0.05, 20]), with a
 * Gaussian prior on log T (σ = 0.5) so that a handful of held-out rows cannot push T far from 1: with 12
 * rows an unregularised fit made the calibration error worse on a small model; with hundreds of rows the
 * prior does not matter.
 */
export function fitTemperature(logits: Float32Array[], truth: number[][], activation: Activation): number {
  if (logits.length === 0) return 1;
  const prior = 1 / (2 * 0.5 * 0.5 * logits.length);
  const f = (logT: number) =>
    negativeLogLikelihood(logits, truth, activation, Math.exp(logT)) + prior * logT * logT;
  let a = Math.log(0.05);
  let b = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}
