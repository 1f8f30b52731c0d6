// Exact graph simplifications for the PP-OCRv4 recogniser (PPLCNetV3 backbone), applied in memory
// before the model is handed to ONNX Runtime. The exported graph spells every block as
//   Conv → Mul(scale) → Add(bias) → [x · clip(x + 3, 0, 6) / 6] → Mul(scale) → Add(bias) → next Conv
// in eight element-wise operators that ORT does not fuse; on one CPU thread they cost about as much
// as the convolutions. Rewritten here, with the same arithmetic:
//   1. Conv → Mul(s) → Add(b)            ⇒ Conv with weights W·s and bias B·s + b
//   2. Add(3) → Clip(0, 6) → Mul → Div(6) ⇒ x · HardSigmoid(x; α = 1/6, β = 1/2)
//   3. Mul(s) → Add(b) → 1×1 Conv         ⇒ Conv with weights W·s and bias B + b·ΣW
//      Mul(s) → Add(b) → padded Conv      ⇒ Add(b/s) → Conv with weights W·s (zero padding stays zero)
// Only scalar scales and biases and Constant-node weights are touched; anything else is left as is.
// The protobuf handling is the minimum ONNX needs: fields not rewritten are copied byte for byte.

interface Field {
  field: number;
  wire: number;
  /** Varint value (wire 0) as bigint, or the raw bytes (wire 1, 2, 5). */
  value: bigint | Uint8Array;
}

function readVarint(buf: Uint8Array, pos: { i: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos.i++];
    if (b === undefined) throw new Error('Truncated protobuf varint');
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return result;
    shift += 7n;
  }
}

function decode(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  const pos = { i: 0 };
  while (pos.i < buf.length) {
    const key = Number(readVarint(buf, pos));
    const field = key >>> 3;
    const wire = key & 7;
    if (wire === 0) {
      fields.push({ field, wire, value: readVarint(buf, pos) });
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      fields.push({ field, wire, value: buf.subarray(pos.i, pos.i + n) });
      pos.i += n;
    } else if (wire === 2) {
      const n = Number(readVarint(buf, pos));
      fields.push({ field, wire, value: buf.subarray(pos.i, pos.i + n) });
      pos.i += n;
    } else {
      throw new Error(`Unsupported protobuf wire type ${wire}`);
    }
  }
  return fields;
}

function varintBytes(v: bigint): number[] {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x !== 0n) b |= 0x80;
    out.push(b);
  } while (x !== 0n);
  return out;
}

function encode(fields: readonly Field[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const f of fields) {
    const head = varintBytes(BigInt((f.field << 3) | f.wire));
    let body: Uint8Array;
    if (f.wire === 0) body = Uint8Array.from([...head, ...varintBytes(f.value as bigint)]);
    else if (f.wire === 2) {
      const v = f.value as Uint8Array;
      const h = Uint8Array.from([...head, ...varintBytes(BigInt(v.length))]);
      body = new Uint8Array(h.length + v.length);
      body.set(h);
      body.set(v, h.length);
    } else {
      const v = f.value as Uint8Array;
      body = new Uint8Array(head.length + v.length);
      body.set(head);
      body.set(v, head.length);
    }
    parts.push(body);
    size += body.length;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const text = new TextDecoder();
const utf8 = new TextEncoder();
const str = (v: bigint | Uint8Array) => text.decode(v as Uint8Array);
const bytesField = (field: number, s: string | Uint8Array): Field => ({
  field,
  wire: 2,
  value: typeof s === 'string' ? utf8.encode(s) : s,
});

interface Node {
  inputs: string[];
  outputs: string[];
  op: string;
  /** The node's fields other than input/output, kept as they were (name, op_type, attributes, ...). */
  rest: Field[];
  attrs: Map<string, Field[]>;
}

function parseNode(buf: Uint8Array): Node {
  const node: Node = { inputs: [], outputs: [], op: '', rest: [], attrs: new Map() };
  for (const f of decode(buf)) {
    if (f.field === 1) node.inputs.push(str(f.value));
    else if (f.field === 2) node.outputs.push(str(f.value));
    else {
      if (f.field === 4) node.op = str(f.value);
      if (f.field === 5) {
        const attr = decode(f.value as Uint8Array);
        const name = attr.find((a) => a.field === 1);
        if (name) node.attrs.set(str(name.value), attr);
      }
      node.rest.push(f);
    }
  }
  return node;
}

function encodeNode(node: Node): Uint8Array {
  return encode([
    ...node.inputs.map((s) => bytesField(1, s)),
    ...node.outputs.map((s) => bytesField(2, s)),
    ...node.rest,
  ]);
}

function attrFloat(node: Node, name: string): number | undefined {
  const f = node.attrs.get(name)?.find((a) => a.field === 2 && a.wire === 5);
  return f ? new DataView((f.value as Uint8Array).slice().buffer).getFloat32(0, true) : undefined;
}

function attrInts(node: Node, name: string): number[] | undefined {
  const attr = node.attrs.get(name);
  if (!attr) return undefined;
  const out: number[] = [];
  for (const a of attr) {
    if (a.field === 8 && a.wire === 0) out.push(Number(a.value));
    if (a.field === 8 && a.wire === 2) {
      const buf = a.value as Uint8Array;
      const pos = { i: 0 };
      while (pos.i < buf.length) out.push(Number(readVarint(buf, pos)));
    }
  }
  return out;
}

interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

/** The float tensor of a Constant node, if it has one. */
function constantTensor(node: Node): FloatTensor | undefined {
  if (node.op !== 'Constant') return undefined;
  const t = node.attrs.get('value')?.find((a) => a.field === 5);
  if (!t) return undefined;
  const dims: number[] = [];
  let dataType = 0;
  let raw: Uint8Array | undefined;
  const floats: number[] = [];
  for (const f of decode(t.value as Uint8Array)) {
    if (f.field === 1 && f.wire === 0) dims.push(Number(f.value));
    else if (f.field === 1 && f.wire === 2) {
      const buf = f.value as Uint8Array;
      const pos = { i: 0 };
      while (pos.i < buf.length) dims.push(Number(readVarint(buf, pos)));
    } else if (f.field === 2) dataType = Number(f.value);
    else if (f.field === 9) raw = f.value as Uint8Array;
    else if (f.field === 4 && f.wire === 2) {
      const v = f.value as Uint8Array;
      const dv = new DataView(v.slice().buffer);
      for (let i = 0; i + 4 <= v.length; i += 4) floats.push(dv.getFloat32(i, true));
    } else if (f.field === 4 && f.wire === 5) {
      floats.push(new DataView((f.value as Uint8Array).slice().buffer).getFloat32(0, true));
    }
  }
  if (dataType !== 1) return undefined;
  const data = raw ? new Float32Array(raw.slice().buffer) : Float32Array.from(floats);
  return { dims, data };
}

function constantNode(name: string, tensor: FloatTensor): Node {
  const raw = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  const tensorProto = encode([
    ...tensor.dims.map((d) => ({ field: 1, wire: 0, value: BigInt(d) })),
    { field: 2, wire: 0, value: 1n },
    bytesField(8, name),
    bytesField(9, raw),
  ]);
  const attr = encode([
    bytesField(1, 'value'),
    { field: 20, wire: 0, value: 4n },
    bytesField(5, tensorProto),
  ]);
  const node: Node = { inputs: [], outputs: [name], op: 'Constant', rest: [], attrs: new Map() };
  node.rest = [bytesField(3, `${name}_node`), bytesField(4, 'Constant'), bytesField(5, attr)];
  return parseNode(encodeNode(node));
}

function simpleNode(
  op: string,
  name: string,
  inputs: string[],
  outputs: string[],
  attrs: Field[][] = [],
): Node {
  return {
    inputs,
    outputs,
    op,
    rest: [bytesField(3, name), bytesField(4, op), ...attrs.map((a) => bytesField(5, encode(a)))],
    attrs: new Map(),
  };
}

const floatAttr = (name: string, v: number): Field[] => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return [bytesField(1, name), { field: 20, wire: 0, value: 1n }, { field: 2, wire: 5, value: b }];
};

export interface FuseReport {
  convAffine: number;
  hardSwish: number;
  affineIntoConv: number;
}

/**
 * Rewrites a PP-OCR recogniser (or any graph with the same patterns) as described at the top of this
 * file. Returns the new model bytes and how many of each rewrite were made; a graph without the
 * patterns comes back unchanged.
 */
export function fusePpOcrGraph(
  model: Uint8Array,
  steps: { convAffine?: boolean; hardSwish?: boolean; affineIntoConv?: boolean } = {},
): { model: Uint8Array; report: FuseReport } {
  const top = decode(model);
  const graphIndex = top.findIndex((f) => f.field === 7 && f.wire === 2);
  if (graphIndex < 0) throw new Error('Not an ONNX model (no graph)');
  const graphFields = decode(top[graphIndex]!.value as Uint8Array);
  let nodes: (Node | undefined)[] = graphFields
    .filter((f) => f.field === 1)
    .map((f) => parseNode(f.value as Uint8Array));
  const graphOutputs = new Set(
    graphFields
      .filter((f) => f.field === 12)
      .map((f) => str(decode(f.value as Uint8Array).find((x) => x.field === 1)!.value)),
  );

  const added: Node[] = [];
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  const index = () => {
    producer.clear();
    consumers.clear();
    for (const n of [...added, ...nodes]) {
      if (!n) continue;
      for (const o of n.outputs) producer.set(o, n);
      for (const i of n.inputs) {
        if (!i) continue;
        let list = consumers.get(i);
        if (!list) consumers.set(i, (list = []));
        list.push(n);
      }
    }
  };
  index();
  const tensorCache = new Map<string, FloatTensor | undefined>();
  const constant = (name: string): FloatTensor | undefined => {
    if (!tensorCache.has(name)) {
      const p = producer.get(name);
      tensorCache.set(name, p ? constantTensor(p) : undefined);
    }
    return tensorCache.get(name);
  };
  const scalar = (name: string): number | undefined => {
    const t = constant(name);
    return t && t.data.length === 1 ? t.data[0] : undefined;
  };
  /** The one consumer of a tensor, when it has exactly one and is not a graph output. */
  const only = (name: string): Node | undefined => {
    const list = consumers.get(name);
    return list && list.length === 1 && !graphOutputs.has(name) ? list[0] : undefined;
  };
  /** For a binary node with one scalar constant input: [other input, scalar]. */
  const withScalar = (n: Node): [string, number] | undefined => {
    if (n.inputs.length !== 2) return undefined;
    const [a, b] = n.inputs as [string, string];
    const sb = scalar(b);
    if (sb !== undefined) return [a, sb];
    const sa = scalar(a);
    if (sa !== undefined) return [b, sa];
    return undefined;
  };
  let counter = 0;
  const newConstant = (base: string, tensor: FloatTensor): string => {
    const name = `${base}__fused${counter++}`;
    added.push(constantNode(name, tensor));
    return name;
  };
  const remove = (n: Node) => {
    const i = nodes.indexOf(n);
    if (i >= 0) nodes[i] = undefined;
  };
  const report: FuseReport = { convAffine: 0, hardSwish: 0, affineIntoConv: 0 };

  const convWeights = (conv: Node): { w: FloatTensor; b: Float32Array } | undefined => {
    const w = constant(conv.inputs[1] ?? '');
    if (!w || w.dims.length !== 4) return undefined;
    const out = w.dims[0]!;
    const bName = conv.inputs[2];
    const bt = bName ? constant(bName) : undefined;
    if (bName && (!bt || bt.data.length !== out)) return undefined;
    return { w, b: bt ? bt.data : new Float32Array(out) };
  };

  // 1. Conv → Mul(s) → Add(b)
  for (const conv of steps.convAffine === false ? [] : [...nodes]) {
    if (!conv || conv.op !== 'Conv') continue;
    const mul = only(conv.outputs[0]!);
    if (!mul || mul.op !== 'Mul') continue;
    const ms = withScalar(mul);
    if (!ms || ms[0] !== conv.outputs[0]) continue;
    const add = only(mul.outputs[0]!);
    if (!add || add.op !== 'Add') continue;
    const as = withScalar(add);
    if (!as || as[0] !== mul.outputs[0]) continue;
    const weights = convWeights(conv);
    if (!weights) continue;
    const s = ms[1];
    const bias = as[1];
    const w = Float32Array.from(weights.w.data, (v) => v * s);
    const b = Float32Array.from(weights.b, (v) => v * s + bias);
    conv.inputs = [
      conv.inputs[0]!,
      newConstant(conv.inputs[1]!, { dims: weights.w.dims, data: w }),
      newConstant(`${conv.inputs[1]!}_bias`, { dims: [b.length], data: b }),
    ];
    conv.outputs = [add.outputs[0]!];
    remove(mul);
    remove(add);
    report.convAffine++;
  }
  index();

  // 2. Hard-swish spelled out.
  for (const add of steps.hardSwish === false ? [] : [...nodes]) {
    if (!add || add.op !== 'Add') continue;
    const a = withScalar(add);
    if (!a || a[1] !== 3) continue;
    const x = a[0];
    const clip = only(add.outputs[0]!);
    if (!clip || clip.op !== 'Clip') continue;
    // Clip bounds are attributes up to opset 10 and inputs from opset 11.
    const min = clip.inputs[1] ? scalar(clip.inputs[1]) : attrFloat(clip, 'min');
    const max = clip.inputs[2] ? scalar(clip.inputs[2]) : attrFloat(clip, 'max');
    if (min !== 0 || max !== 6) continue;
    const mul = only(clip.outputs[0]!);
    if (!mul || mul.op !== 'Mul' || !mul.inputs.includes(x)) continue;
    const div = only(mul.outputs[0]!);
    if (!div || div.op !== 'Div' || div.inputs[0] !== mul.outputs[0] || scalar(div.inputs[1] ?? '') !== 6)
      continue;
    const hs = `${div.outputs[0]!}__hsig`;
    const hsig = simpleNode(
      'HardSigmoid',
      hs,
      [x],
      [hs],
      [floatAttr('alpha', 1 / 6), floatAttr('beta', 0.5)],
    );
    const times = simpleNode('Mul', `${hs}_mul`, [x, hs], [div.outputs[0]!]);
    const i = nodes.indexOf(add);
    nodes[i] = hsig;
    nodes.splice(i + 1, 0, times);
    remove(clip);
    remove(mul);
    remove(div);
    report.hardSwish++;
  }
  nodes = nodes.filter((n): n is Node => n !== undefined);
  index();

  // 3. Mul(s) → Add(b) → Conv
  for (const mul of steps.affineIntoConv === false ? [] : [...nodes]) {
    if (!mul || mul.op !== 'Mul') continue;
    const ms = withScalar(mul);
    if (!ms) continue;
    const add = only(mul.outputs[0]!);
    if (!add || add.op !== 'Add') continue;
    const as = withScalar(add);
    if (!as || as[0] !== mul.outputs[0]) continue;
    const conv = only(add.outputs[0]!);
    if (!conv || conv.op !== 'Conv' || conv.inputs[0] !== add.outputs[0]) continue;
    const weights = convWeights(conv);
    if (!weights) continue;
    const s = ms[1];
    const bias = as[1];
    if (s === 0) continue;
    const pads = attrInts(conv, 'pads') ?? [0, 0, 0, 0];
    const autoPad = conv.attrs.has('auto_pad');
    const w = Float32Array.from(weights.w.data, (v) => v * s);
    const wName = newConstant(conv.inputs[1]!, { dims: weights.w.dims, data: w });
    const unpadded = !autoPad && pads.every((p) => p === 0);
    if (unpadded) {
      // conv(s·x + b) = conv_{W·s}(x) + b·ΣW per output channel.
      const out = weights.w.dims[0]!;
      const per = weights.w.data.length / out;
      const b = Float32Array.from(weights.b);
      for (let o = 0; o < out; o++) {
        let sum = 0;
        for (let k = 0; k < per; k++) sum += weights.w.data[o * per + k]!;
        b[o] = b[o]! + bias * sum;
      }
      conv.inputs = [ms[0], wName, newConstant(`${conv.inputs[1]!}_bias`, { dims: [out], data: b })];
      remove(mul);
      remove(add);
    } else {
      // s·x + b = s·(x + b/s): keep one Add, move the scale into the weights (zero padding is unchanged).
      const bName = newConstant(`${add.outputs[0]!}_shift`, { dims: [1], data: Float32Array.of(bias / s) });
      add.inputs = [ms[0], bName];
      conv.inputs = [conv.inputs[0]!, wName, ...conv.inputs.slice(2)];
      remove(mul);
    }
    report.affineIntoConv++;
  }
  nodes = nodes.filter((n): n is Node => n !== undefined);

  // Drop Constant nodes nothing reads any more, then write the graph back (constants first).
  index();
  const live = [...added, ...nodes.filter((n): n is Node => n !== undefined)].filter(
    (n) => n.op !== 'Constant' || n.outputs.some((o) => consumers.has(o) || graphOutputs.has(o)),
  );
  const consts = live.filter((n) => n.op === 'Constant');
  const others = live.filter((n) => n.op !== 'Constant');
  const newGraph: Field[] = [];
  let wroteNodes = false;
  for (const f of graphFields) {
    if (f.field === 1) {
      if (!wroteNodes) {
        for (const n of [...consts, ...others]) newGraph.push({ field: 1, wire: 2, value: encodeNode(n) });
        wroteNodes = true;
      }
      continue;
    }
    newGraph.push(f);
  }
  const newTop = top.map((f, i) => (i === graphIndex ? { field: 7, wire: 2, value: encode(newGraph) } : f));
  return { model: encode(newTop), report };
}
