import nx from '@nx/eslint-plugin';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const root = import.meta.dirname;
/** Files that never ship: tests, e2e suites, the test helpers lib, build and test configuration, tools. */
const devOnly = [
  '**/*.spec.ts',
  '**/*.e2e-spec.ts',
  '**/test-setup.ts',
  '**/jest.config.{ts,cts}',
  '**/jest.preset.js',
  '**/webpack.config.js',
  '**/playwright.config.ts',
  '**/eslint.config.mjs',
  'apps/*-e2e/**',
  'libs/api/testing/**',
  'tools/**',
].map((glob) => `${root}/${glob}`);

// Packages that must never reach the browser bundle or the framework-free shared code.
const serverOnly = [
  '@nestjs/*',
  'typeorm',
  'passport',
  'passport-*',
  'jwks-rsa',
  'class-validator',
  'class-transformer',
  'better-sqlite3',
  'pg',
  'oidc-provider',
  'express',
  'fastify',
  '@fastify/*',
];

/**
 * For the code of the SPA's initial chunk (apps/web, web-shell, web-auth): esbuild bundles whole files, so every file
 * this code reaches joins the initial chunk together with whatever the lazy pages use of it. The contracts lib is
 * reached through its narrow entry point only.
 */
export const initialChunkRules = {
  files: ['**/*.ts'],
  ignores: ['**/*.spec.ts', '**/test-setup.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: '@timesheets/contracts',
            message:
              "Import from '@timesheets/contracts/scopes': through the main entry point every contracts file the lazy pages use would land in the initial chunk.",
          },
          {
            name: '@timesheets/web-ui',
            message:
              "Import from '@timesheets/web-ui/locale' or '@timesheets/web-ui/permissions': the main entry point brings Material and the pages' helpers into the initial chunk.",
          },
        ],
      },
    ],
  },
};

/**
 * Every text a person reads in the SPA's templates is marked for translation (Angular i18n; `eslint --fix` adds the
 * `i18n` attributes). Attributes that are not text for people are listed here.
 */
export const i18nTemplateRules = {
  files: ['**/*.html'],
  ignores: ['**/*.spec.ts/**', '**/*.spec.ts'],
  rules: {
    '@angular-eslint/template/i18n': [
      'error',
      {
        checkId: false,
        checkDuplicateId: false,
        ignoreAttributes: [
          'autocomplete',
          'charset',
          'class',
          'color',
          'colspan',
          'dir',
          'fill',
          'for',
          'height',
          'href',
          'id',
          'lang',
          'list',
          'name',
          'ngClass',
          'role',
          'routerLink',
          'routerLinkActive',
          'src',
          'style',
          'tabindex',
          'target',
          'type',
          'value',
          'width',
          'data-testid',
          'inputmode',
          'mode',
          'subscriptSizing',
          'appearance',
          'align',
          'scope',
          'mat-button',
          'mat-flat-button',
          'mat-stroked-button',
          'mat-icon-button',
          'mat-dialog-title',
          'mat-dialog-close',
          'mat-dialog-content',
          'mat-dialog-actions',
          'matInput',
          'matNativeControl',
          'cdkFocusInitial',
          'ariaCurrentWhenActive',
          'tsGridNav',
          'tsEntryActions',
          'ngCspNonce',
          'rel',
          'hreflang',
          'min',
          'max',
          'step',
          'pattern',
          'maxlength',
          'minlength',
          'rows',
          'cols',
          'accept',
          'multiple',
          'selected',
          'disabled',
          'required',
          'readonly',
          'ngModel',
          'ngModelGroup',
          'matSuffix',
          'matPrefix',
          'matIconSuffix',
          'matTextSuffix',
          'for',
          'labelPosition',
          'position',
          'hideSingleSelectionIndicator',
          'mat-menu-item',
          'mat-raised-button',
          'floatLabel',
          'matTooltipPosition',
          'tabIndex',
          'mat-list-item',
          'headers',
          'aria-live',
          'aria-labelledby',
          'aria-describedby',
          'aria-controls',
          'aria-atomic',
          'aria-hidden',
          'aria-haspopup',
          'method',
          'action',
          'enctype',
          'spellcheck',
        ],
      },
    ],
  },
};

const baseConfig = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-output', '**/playwright-report'],
  },
  {
    // Every package a file imports (types included) is declared in the root package.json: in `dependencies` for code
    // that ships, in either section for tests, configuration and tools. A package that is only there because another
    // one brought it (jsonwebtoken under passport-jwt, say) can change or vanish with that package's next version.
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.cts', '**/*.mts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver()],
      'import-x/internal-regex': '^@timesheets/',
    },
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          packageDir: [root],
          includeTypes: true,
          devDependencies: devOnly,
          optionalDependencies: false,
          peerDependencies: false,
          bundledDependencies: false,
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          // Configuration files may load the workspace's own build plugins (tools/webpack) by path.
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/webpack/'],
          depConstraints: [
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [...serverOnly, '@angular/*', 'rxjs'],
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: serverOnly,
            },
            {
              sourceTag: 'scope:web-e2e',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:server', 'scope:shared'],
              bannedExternalImports: ['@angular/*', 'angular-oauth2-oidc', 'oidc-provider'],
            },
            {
              sourceTag: 'scope:idp',
              onlyDependOnLibsWithTags: ['scope:idp', 'scope:server', 'scope:shared'],
              bannedExternalImports: ['@angular/*', 'angular-oauth2-oidc'],
            },
            {
              sourceTag: 'scope:server',
              onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'],
              bannedExternalImports: ['@angular/*', 'angular-oauth2-oidc'],
            },
            {
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:idp', 'scope:server', 'scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'scope:tools',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:idp', 'scope:server', 'scope:shared', 'scope:tools'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:testing'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util'],
            },
            {
              sourceTag: 'type:ui',
              onlyDependOnLibsWithTags: ['type:ui', 'type:util'],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'],
            },
          ],
        },
      ],
    },
  },
];

export default baseConfig;

/**
 * The config of each Angular project (the SPA and its libs): Nx's Angular rules over the base config, the i18n
 * template rule, `extra` entries (initialChunkRules for the initial chunk's projects), and component and directive
 * selectors with `prefix` (`ts` in the libs).
 */
export function angularProjectConfig({ prefix = 'ts', extra = [] } = {}) {
  return [
    ...nx.configs['flat/angular'],
    ...nx.configs['flat/angular-template'],
    ...baseConfig,
    i18nTemplateRules,
    ...extra,
    {
      files: ['**/*.ts'],
      rules: {
        '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix, style: 'camelCase' }],
        '@angular-eslint/component-selector': ['error', { type: 'element', prefix, style: 'kebab-case' }],
      },
    },
  ];
}
