import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The same boundaries the three tsconfigs enforce, said in words: renderer -> shared <- electron.
const noElectronOrRenderer = {
  patterns: [
    { group: ['**/electron/**', 'electron', 'node:*'], message: 'shared/ and renderer/ run in the browser: no Node, no Electron, no main-process code.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['electron/**', 'scripts/**', 'test/main/**', 'test/shared/**', 'test/e2e/**', 'test/bench/**', 'test/helpers/**', '*.config.*'], languageOptions: { globals: globals.node } },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noElectronOrRenderer.patterns, { group: ['**/renderer/**'], message: 'shared/ imports neither renderer/ nor electron/.' }] }] },
  },
  {
    files: ['renderer/**', 'test/renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-restricted-imports': ['error', noElectronOrRenderer] },
  },
  {
    files: ['electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }] }] },
  },
);
