// The app's version, read once from package.json (bundled by esbuild for the desktop shell).
import pkg from '../../package.json' with { type: 'json' };

export const appVersion: string = pkg.version;
