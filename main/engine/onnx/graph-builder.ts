// A small builder for the ONNX graphs Docket exports (text classifiers, sequence labellers, test
// fixtures). Serialisation goes through onnx-proto (the ONNX protobuf schema compiled for JavaScript);
// this module only adds names, shapes and raw little-endian tensor data.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type ElementType = 'float32' | 'float16' | 'int64' | 'int32' | 'bool' | 'string';

const DATA_TYPE: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  bool: onnx.TensorProto.DataType.BOOL,
  string: onnx.TensorProto.DataType.STRING,
};

/** A dimension: a fixed size or a symbolic name such as "batch". */
export type Dim = number | string;

export type AttributeValue =
  number | string | number[] | string[] | bigint[] | Float32Array | { int: number };

export interface InitializerData {
  type: ElementType;
  dims: number[];
  data: Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array | string[];
}

function rawBytes(data: InitializerData['data']): Uint8Array {
  if (Array.isArray(data)) throw new Error('string tensors have no raw form');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function valueInfo(name: string, type: ElementType, dims: Dim[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue) {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Float32Array)) {
    return { name, type: T.INT, i: value.int };
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  }
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (value instanceof Float32Array) return { name, type: T.FLOATS, floats: Array.from(value) };
  if (value.length > 0 && typeof value[0] === 'string') {
    return { name, type: T.STRINGS, strings: (value as string[]).map((s) => new TextEncoder().encode(s)) };
  }
  if (value.length > 0 && typeof value[0] === 'bigint') {
    return { name, type: T.INTS, ints: (value as bigint[]).map((v) => Number(v)) };
  }
  const numbers = value as number[];
  return numbers.every((v) => Number.isInteger(v))
    ? { name, type: T.INTS, ints: numbers }
    : { name, type: T.FLOATS, floats: numbers };
}

export class GraphBuilder {
  private readonly nodes: object[] = [];
  private readonly initializers: object[] = [];
  private readonly inputs: object[] = [];
  private readonly outputs: object[] = [];
  private counter = 0;
  private readonly domains = new Map<string, number>([['', 17]]);

  input(name: string, type: ElementType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElementType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** A constant tensor stored in the model file. */
  constant(name: string, tensor: InitializerData): string {
    const base = { name, dims: tensor.dims, dataType: DATA_TYPE[tensor.type] };
    this.initializers.push(
      tensor.type === 'string'
        ? { ...base, stringData: (tensor.data as string[]).map((s) => new TextEncoder().encode(s)) }
        : { ...base, rawData: rawBytes(tensor.data) },
    );
    return name;
  }

  /** Shorthands for small constants (axes, shapes, scalars). */
  ints(values: number[], name = this.fresh('ints')): string {
    return this.constant(name, {
      type: 'int64',
      dims: [values.length],
      data: BigInt64Array.from(values.map(BigInt)),
    });
  }

  scalar(value: number, name = this.fresh('scalar')): string {
    return this.constant(name, { type: 'float32', dims: [], data: Float32Array.of(value) });
  }

  /** Adds a node and returns its output names (one fresh name per output unless given). */
  node(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    options: { outputs?: string[] | number; domain?: string } = {},
  ): string[] {
    const outputs =
      typeof options.outputs === 'number' || options.outputs === undefined
        ? Array.from({ length: (options.outputs as number | undefined) ?? 1 }, () => this.fresh(opType))
        : options.outputs;
    const domain = options.domain ?? '';
    if (domain && !this.domains.has(domain)) this.domains.set(domain, domain === 'ai.onnx.ml' ? 3 : 1);
    this.nodes.push({
      opType,
      domain,
      name: this.fresh(`${opType}_node`),
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  /** One-output node. */
  op(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    options: { output?: string; domain?: string } = {},
  ): string {
    return this.node(opType, inputs, attributes, {
      outputs: options.output ? [options.output] : 1,
      domain: options.domain,
    })[0]!;
  }

  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** The serialised model, ready for `InferenceSession.create(bytes)` or a `model.onnx` file. */
  build(meta: { name: string; docString?: string; metadata?: Record<string, string> }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'docket',
      producerVersion: '1',
      docString: meta.docString ?? '',
      opsetImport: [...this.domains].map(([domain, version]) => ({ domain, version })),
      metadataProps: Object.entries(meta.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: meta.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

/** Rounds float32 values to IEEE half precision, returning the bits (for float16 initializers). */
export function toFloat16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i]!;
    const x = u[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
    } else if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let half = mant >>> shift;
      const rem = mant & ((1 << shift) - 1);
      const mid = 1 << (shift - 1);
      if (rem > mid || (rem === mid && half & 1)) half++;
      out[i] = sign | half;
    } else {
      let half = (e << 10) | (mant >>> 13);
      const rem = mant & 0x1fff;
      if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
      out[i] = sign | half;
    }
  }
  return out;
}

/** The float32 value of each half-precision bit pattern. */
export function fromFloat16Bits(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) out[i] = sign * mant * 2 ** -24;
    else if (exp === 0x1f) out[i] = mant ? NaN : sign * Infinity;
    else out[i] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return out;
}
