// Feature strings become 32-bit FNV-1a hashes: the trainer, the TypeScript predictor and the ONNX graph
// (which maps hashes to weight rows) agree on one number per feature without shipping the strings.
export function hashFeature(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
