// Lint, including the layer rules of ARCHITECTURE.md. A wrong import fails `npm test` with a message that names
// the rule ("Layer rule (renderer): ..."). tsconfig per layer is the second fence: a layer without Node types
// cannot compile a Node import either.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Bare names here; every `node:` specifier is caught by the pattern below.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('node:'));

/** no-restricted-imports for a layer: node built-ins and/or electron, each with the rule's own message. */
function restrict(layer, { node, electron }) {
  const paths = [];
  const patterns = [];
  if (node) {
    paths.push(...nodeBuiltins.map((name) => ({ name, message: node })));
    patterns.push({ group: ['node:*'], message: node });
  }
  if (electron) {
    paths.push({ name: 'electron', message: electron });
    patterns.push({ group: ['electron/*'], message: electron });
  }
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const RULE = {
  rendererNode:
    'Layer rule (renderer): no Node built-ins or Electron in renderer/. The page is untrusted and sandboxed; ask main through window.gpc.',
  sharedNode: 'Layer rule (shared): shared/ is pure TypeScript: no Node built-ins, DOM or Electron.',
  preloadNode:
    'Layer rule (preload): the sandboxed preload may use only electron (contextBridge, ipcRenderer) and shared/.',
  mainElectron:
    'Layer rule (main): only main/electron/ (the glue folder) may import electron; services stay plain Node and testable.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['shared/**', 'main/**', 'preload/**', 'renderer/**'],
      'boundaries/elements': [
        { type: 'shared', pattern: 'shared/**', mode: 'full' },
        { type: 'main-electron', pattern: 'main/electron/**', mode: 'full' },
        { type: 'main', pattern: 'main/**', mode: 'full' },
        { type: 'preload', pattern: 'preload/**', mode: 'full' },
        { type: 'renderer', pattern: 'renderer/**', mode: 'full' },
      ],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          message: 'Layer rule (${file.type}): ${file.type} may not import ${dependency.type} (see ARCHITECTURE.md)',
          rules: [
            { from: 'shared', allow: ['shared'] },
            { from: 'main', allow: ['main', 'shared'] },
            { from: 'main-electron', allow: ['main-electron', 'main', 'shared'] },
            { from: 'preload', allow: ['preload', 'shared'] },
            { from: 'renderer', allow: ['renderer', 'shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  { files: ['shared/**'], rules: restrict('shared', { node: RULE.sharedNode, electron: RULE.sharedNode }) },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict('renderer', { node: RULE.rendererNode, electron: RULE.rendererNode }),
    },
  },
  {
    files: ['preload/**'],
    languageOptions: { globals: globals.browser },
    rules: restrict('preload', { node: RULE.preloadNode }),
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    languageOptions: { globals: globals.node },
    rules: restrict('main', { electron: RULE.mainElectron }),
  },
  { files: ['main/electron/**'], languageOptions: { globals: globals.node } },
  {
    files: ['test/**', 'scripts/**', '*.config.{ts,mjs,js}', 'eslint.config.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off' },
  },
  prettier,
);
