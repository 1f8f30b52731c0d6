// Lint, including the architecture's import boundaries:
//  - only main/electron/ may import 'electron' (the core stays plain Node: one core, three shells);
//  - renderer/ imports nothing from main/ except the API contract's types (the renderer is untrusted web code).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const electronMessage =
  "Only main/electron/ may import 'electron'; put logic in the core and reach it through the router.";
const electronOnlyInShell = { name: 'electron', message: electronMessage };
const electronSubpaths = { group: ['electron/*'], message: electronMessage };
// Static imports are covered above; these catch `await import('electron')` and `require('electron')`.
const noDynamicElectron = [
  { selector: 'ImportExpression[source.value=/^electron(\\/|$)/]', message: electronMessage },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]",
    message: electronMessage,
  },
];
const nodeMessage = 'The renderer is web code: no Node.js modules.';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'reports/',
      'test-results/',
      'playwright-report/',
      'test/fixtures/',
      '.dev/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.ts', 'bin/**'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [electronSubpaths] }],
      'no-restricted-syntax': ['error', ...noDynamicElectron],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which Docket does not use; TanStack Virtual is fine without it.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...builtinModules.map((name) => ({ name, message: nodeMessage }))],
          patterns: [
            electronSubpaths,
            {
              regex: '(^|/)main/(?!api/contract\\.ts$)',
              message: "The renderer imports nothing from main/ except the API contract's types.",
            },
            {
              regex: '(^|/)main/api/contract\\.ts$',
              allowTypeImports: true,
              message:
                "Import the API contract with 'import type': the renderer gets its types, not its code.",
            },
            { group: ['node:*'], message: nodeMessage },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...noDynamicElectron,
        {
          selector: 'ImportExpression[source.value=/(^|\\/)main\\//]',
          message: 'The renderer loads no code from main/.',
        },
      ],
    },
  },
);
