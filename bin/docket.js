#!/usr/bin/env node
// Launcher for the `docket` command. The CLI is TypeScript run directly by Node 24's type stripping, so it
// needs Node 24 or newer: the project pins it (the `node` devDependency), and `npx docket` uses it.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `docket: needs Node.js 24 or newer, but this is ${process.version}. ` +
      'Run it as `npx docket ...` inside the project so its pinned Node is used.\n',
  );
  process.exit(1);
}
await import('../main/cli/main.ts');
