// The dependency rule of DESIGN.md, enforced: `npm test` runs `npm run arch` and fails on any violation.
// test/architecture.test.ts proves every rule fires on the fixture in test/fixtures/boundary-violation.
const fs = require('node:fs');

const SPEC = '\\.spec\\.ts$';
const LAYER_TOP = '^(domain|application|infrastructure|presentation|mcp-servers)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing outside domain/: no npm package, no Node built-in, no other layer.',
      severity: 'error',
      from: { path: '^domain/', pathNot: SPEC },
      to: { pathNot: '^domain/' },
    },
    {
      name: 'domain-specs-stay-inward',
      comment: 'Unit tests beside domain code may also use test/support builders and fast-check.',
      severity: 'error',
      from: { path: `^domain/.*${SPEC}` },
      to: { pathNot: ['^domain/', '^test/support/', 'node_modules/fast-check/'] },
    },
    {
      name: 'application-imports-only-domain',
      comment: 'application/ depends on domain/ only (plus zod, which its input schemas are written in).',
      severity: 'error',
      from: { path: '^application/', pathNot: SPEC },
      to: { pathNot: ['^application/', '^domain/', 'node_modules/zod/'] },
    },
    {
      name: 'application-specs-stay-inward',
      severity: 'error',
      from: { path: `^application/.*${SPEC}` },
      to: { pathNot: ['^application/', '^domain/', '^test/support/', 'node_modules/(zod|fast-check)/'] },
    },
    {
      name: 'infrastructure-not-outward',
      comment:
        'Adapters implement domain ports; they never reach into presentation, MCP servers or the composition root.',
      severity: 'error',
      from: { path: '^infrastructure/' },
      to: { path: '^(presentation|mcp-servers|src)/' },
    },
    {
      name: 'presentation-not-sideways',
      comment: 'Controllers call use cases; they never import adapters, MCP servers or the composition root.',
      severity: 'error',
      from: { path: '^presentation/' },
      to: { path: '^(infrastructure|mcp-servers|src)/' },
    },
    {
      name: 'mcp-servers-not-sideways',
      comment: 'MCP servers are thin adapters over the same use cases as the HTTP API.',
      severity: 'error',
      from: { path: '^mcp-servers/' },
      to: { path: '^(infrastructure|presentation|src)/' },
    },
    {
      name: 'only-src-is-the-root',
      comment: 'Only the composition root knows every layer; nothing inside the layers imports it.',
      severity: 'error',
      from: { path: LAYER_TOP },
      to: { path: '^src/' },
    },
    {
      name: 'no-nest-or-typeorm-in-the-core',
      severity: 'error',
      from: { path: '^(domain|application)/' },
      to: { path: 'node_modules/(@nestjs|typeorm|pg|@electric-sql|fastify|ioredis)/' },
    },
    {
      name: 'contexts-keep-their-internals',
      comment:
        'A bounded context reaches another only through its top-level files (entities, use cases) and its ports/.',
      severity: 'error',
      from: { path: '^(domain|application)/([^/]+)/' },
      to: { path: '^$1/([^/]+)/[^/]+/', pathNot: ['^$1/$2/', '^$1/shared/', '^$1/[^/]+/ports/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: LAYER_TOP },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', 'node_modules/.*/node_modules/'] },
    tsPreCompilationDeps: true,
    ...(fs.existsSync('tsconfig.json') ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'import', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
