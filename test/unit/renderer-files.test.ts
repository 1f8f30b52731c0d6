// The one function both the app:// protocol and the HTTP server use to find a renderer file. Paths here
// are raw (not normalised by a URL parser first), as a hostile request could present them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRendererFile } from '../../main/core/renderer-files.ts';
import { useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();

function setup(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<title>app</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'a.js'), 'js');
  writeFileSync(join(dir, 'secret.txt'), 'private');
  mkdirSync(join(dir, 'renderer-evil'));
  writeFileSync(join(dir, 'renderer-evil', 'x.js'), 'private');
  return join(dir, 'renderer');
}

describe('readRendererFile', () => {
  it('serves files inside the folder with their media type', async () => {
    const root = setup();
    expect((await readRendererFile(root, '/assets/a.js'))?.mediaType).toMatch(/javascript/);
    expect((await readRendererFile(root, '/'))?.body.toString()).toContain('app');
    expect((await readRendererFile(root, '/documents'))?.body.toString()).toContain('app'); // client route
  });

  it('never serves anything outside the folder, however the path is written', async () => {
    const root = setup();
    for (const path of [
      '/../secret.txt',
      '../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/../renderer-evil/x.js',
      '/%2e%2e/renderer-evil/x.js',
      '/..\\\\secret.txt',
      '/secret.txt%00.js',
      '/%E0%A4%A', // malformed escape
    ]) {
      const file = await readRendererFile(root, path);
      expect(file?.body.toString() ?? '', path).not.toContain('private');
    }
  });
});
