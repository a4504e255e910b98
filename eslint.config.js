// ESLint flat config: typescript-eslint's recommended rules on every source, test, bench and fixture file.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'reports/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests match console tables, whose runs of spaces read best written as they are printed.
      'no-regex-spaces': 'off',
      // Chinese documents pad sign-off lines with the ideographic space (U+3000) on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }],
    },
  },
  {
    files: ['test/**'],
    // Tests read parsed --json output and workbook cells loosely; the assertions are the types there.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
