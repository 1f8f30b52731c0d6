// Files the core wrote (exports) handed to the browser as downloads.
import { base64ToBytes } from './original.ts';

export function downloadBase64(file: { fileName: string; mediaType: string; dataBase64: string }): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.dataBase64)], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
