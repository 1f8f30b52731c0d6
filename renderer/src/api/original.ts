// A stored original's bytes: in the desktop app straight from the app:// protocol, in a browser through the
// API as base64 (which downloads from the API use too).
import { api } from './client.ts';

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function loadOriginal(id: number): Promise<Uint8Array> {
  if (api.transport === 'ipc') {
    const res = await fetch(`app://docket/originals/${id}`);
    if (!res.ok) throw new Error(await res.text());
    return new Uint8Array(await res.arrayBuffer());
  }
  return base64ToBytes((await api.call('documents.original', { id })).dataBase64);
}
