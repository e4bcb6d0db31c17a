// ESLint (flat config) for every TypeScript and JavaScript file of the project. Formatting is Prettier's job
// (`npm run lint` runs both); these rules catch mistakes and keep the layering: core/ is pure and imports only core/,
// and no production code imports tests/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const unusedVars = [
  'error',
  {
    argsIgnorePattern: '^_',
    varsIgnorePattern: '^_',
    caughtErrorsIgnorePattern: '^_',
    destructuredArrayIgnorePattern: '^_',
  },
];

const noTests = {
  regex: '(^|/)tests(/|$)',
  message: 'Production code does not import tests/ (shared sample sheets live in fixtures/).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': unusedVars,
      // Hosts sit on untyped APIs (ExcelJS cell values, custom-function arguments, google.script.run) and tests drive
      // fakes of them; core/ alone must be fully typed (below).
      '@typescript-eslint/no-explicit-any': 'off',
      // A nested object literal's methods reaching the enclosing instance (the fakes' Office objects, the playground host).
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self', 'host'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    // `const crypto = require('crypto')` names the module, not a clash with Node's global of the same name.
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    // The bench loads an earlier tree's sources at run time to compare with.
    files: ['bench/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // core/ runs in every host: only core/ (and no tests/, no host, no DOM or Node module).
    files: ['core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./', message: 'core/ imports only core/ (./...): it is the pure part every host shares.' },
            {
              regex: '^[^.]',
              message: 'core/ imports only core/ (./...): no packages, no Node, Office or DOM modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['excel-addin/**', 'gas/**', 'panel/**', 'playground/**', 'xlsx/**', 'bin/**', 'fixtures/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTests] }] },
  },
  {
    // Browser code, and playground/screenshots.js whose page.evaluate callbacks run in the page.
    files: ['panel/**', 'playground/src/**', 'excel-addin/**', 'gas/sidebar/**', 'playground/screenshots.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Custom functions are declared for custom-functions-metadata-plugin, which appends their associate() calls.
    files: ['excel-addin/functions/functions.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [unusedVars[0], { ...unusedVars[1], varsIgnorePattern: '^(_|[A-Z]+$)' }],
    },
  },
  prettier,
);
