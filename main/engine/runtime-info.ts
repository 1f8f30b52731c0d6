// Whether ONNX Runtime loads on this machine, and which version. Loaded once, lazily: the status bar asks
// often and the native library is only worth loading once.
import { createRequire } from 'node:module';

export interface RuntimeInfo {
  runtime: 'onnxruntime-node';
  available: boolean;
  version: string | null;
  message: string;
}

let cached: Promise<RuntimeInfo> | undefined;

export function runtimeInfo(): Promise<RuntimeInfo> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<RuntimeInfo> {
  try {
    const ort = (await import('onnxruntime-node')) as { env?: { versions?: { node?: string } } };
    const require = createRequire(import.meta.url);
    const fromPackage = (require('onnxruntime-node/package.json') as { version: string }).version;
    const version = ort.env?.versions?.node ?? fromPackage;
    return {
      runtime: 'onnxruntime-node',
      available: true,
      version,
      message: `ONNX Runtime ${version} (CPU)`,
    };
  } catch (e) {
    return {
      runtime: 'onnxruntime-node',
      available: false,
      version: null,
      message: `ONNX Runtime could not be loaded: ${(e as Error).message}`,
    };
  }
}
