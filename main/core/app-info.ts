// The app's name and version, read once from package.json (bundled by esbuild for the desktop shell).
import pkg from '../../package.json' with { type: 'json' };

export const appName = 'Docket';
export const appVersion: string = pkg.version;
