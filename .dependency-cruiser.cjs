/**
 * The rules the code's imports keep, checked by `npm test` (npm run lint:deps). ARCHITECTURE.md
 * explains them; a new room of the server goes in ROOMS below.
 */

const ROOMS = 'data|jobinvest|fleksjob|stats|exports|rules|access|monitoring|progression|budget';
const SERVER = '^packages/server/src/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere: each module can be read after what it imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'packages/core imports nothing from server or web, and no Node built-in (no I/O, no clock).',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(server|web)/' },
    },
    {
      name: 'core-has-no-io',
      severity: 'error',
      comment: 'packages/core uses no Node built-in module (fs, process, worker_threads, …).',
      from: { path: '^packages/core/src/', pathNot: '\\.test\\.ts$|\\.test-support\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-on-core-and-itself',
      severity: 'error',
      comment: 'packages/web imports only its own files, the pure core and its npm packages.',
      from: { path: '^packages/web/src/' },
      to: { pathNot: '^(packages/web/|packages/core/src/|node_modules/)' },
    },
    {
      name: 'web-has-no-node',
      severity: 'error',
      comment: 'The web app runs in a browser: no Node built-in module.',
      from: { path: '^packages/web/src/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'rooms-through-their-index',
      severity: 'error',
      comment: "One room of the server reaches another only through that room's index.ts.",
      from: { path: `${SERVER}(${ROOMS})/` },
      to: {
        path: `${SERVER}(${ROOMS})/`,
        // A room's test-helpers.ts (logging in, say) is for the tests of every room.
        pathNot: [`${SERVER}$1/`, `${SERVER}(${ROOMS})/(index|test-helpers)\\.ts$`],
      },
    },
    {
      name: 'rooms-not-on-composition',
      severity: 'error',
      comment:
        'A room never imports the composition that imports it: http/app.ts, http/serve.ts, cli/program.ts, the worker body.',
      from: { path: `${SERVER}(${ROOMS})/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${SERVER}(http/app|http/serve|cli/program|workers/body)\\.ts$` },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
