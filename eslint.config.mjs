import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'artifacts/', 'sim/demo/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Each outside world has exactly one door (see README "Architecture").
    files: ['src/**/*.ts'],
    ignores: ['src/azure/**', 'src/slack/**', 'src/jobs/**', 'src/main.ts', 'src/cli.ts', 'src/log.ts', 'src/http/**', 'src/store/**', 'src/wiring/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@azure/*', '@slack/*', 'bullmq'] }],
    },
  },
);
