import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.build/', '.dev-build/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  // Type-aware: a promise nobody awaits or catches is an unhandled rejection waiting to crash the process.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // tsconfig.test.json covers src, dev, test and bench: one program for the whole repo.
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test()/describe() return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // An async function without await is how an interface that returns a promise is implemented synchronously.
      '@typescript-eslint/require-await': 'off',
      // The codebase builds objects of closures (messenger, policies), which never depend on `this`.
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webex-node-bot-framework',
              message: 'Only src/bot/webex-adapter.ts may import the framework.',
            },
          ],
        },
      ],
    },
  },
  {
    // Issue 12: no function in the bot over 80 lines, every line counted.
    files: ['src/**/*.ts', 'dev/**/*.ts'],
    rules: { 'max-lines-per-function': ['warn', { max: 80, skipBlankLines: false, skipComments: false }] },
  },
  {
    // The only exceptions: tables (data, not logic) and migrations (one schema step reads best whole).
    files: ['src/store/migrations/**', '**/*.table.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['src/bot/webex-adapter.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Plain JavaScript (test runners, the demo page, this file): not part of the TypeScript program.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
