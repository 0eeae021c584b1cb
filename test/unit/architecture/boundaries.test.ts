/**
 * Issue 12: dependencies point one way (docs/architecture.md).
 * - The boundary rules of eslint.config.mjs fire on every forbidden import and stay quiet on the allowed ones:
 *   small sources linted in memory at real paths, with the repository's own config.
 * - The import graph of src/ has no cycle between files, none through a feature, and none between infrastructure
 *   areas beyond the known ones listed below.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/repo-root.js';
import { ESLint } from 'eslint';

const ROOT = repoRoot();

describe('boundary lint rules', () => {
  // Only the import rules run, without type information: the fixtures exist only in memory.
  const eslint = new ESLint({
    cwd: ROOT,
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-syntax',
    overrideConfig: {
      languageOptions: { parserOptions: { project: false, projectService: false, program: null } },
    },
  });

  async function restrictions(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
    assert.ok(result, filePath);
    assert.equal(result.fatalErrorCount, 0, `${filePath}: ${JSON.stringify(result.messages)}`);
    return result.messages.map((m) => m.message);
  }

  const INFRA = 'Infrastructure never imports a feature';
  const INDEX_ONLY = 'only through its index.ts';
  const NO_DEV = 'never imports dev tools, tests or benchmarks';
  const FRAMEWORK = 'Only src/bot/webex-adapter.ts may import the framework';

  const forbidden: [rule: string, filePath: string, code: string][] = [
    [INFRA, 'src/core/fixture.ts', "import { x } from '../features/recordings/index.js';"],
    [
      INFRA,
      'src/store/migrations/fixture.ts',
      "import type { X } from '../../features/digests/digest-repository.js';",
    ],
    [INFRA, 'src/fixture.ts', "export { x } from './features/help/index.js';"],
    [INFRA, 'src/bot/webex-adapter.ts', "import { x } from '../features/recordings/index.js';"],
    [INDEX_ONLY, 'src/features/digests/fixture.ts', "import { x } from '../recordings/recordings-card.js';"],
    [
      INDEX_ONLY,
      'src/features/notifications/fixture.ts',
      "import type { X } from '../sign-in/connect-command.js';",
    ],
    [
      INDEX_ONLY,
      'src/features/digests/fixture.ts',
      "export { x } from '../recordings/recordings-service.js';",
    ],
    [
      INDEX_ONLY,
      'src/features/digests/sub/fixture.ts',
      "import { x } from '../../recordings/recordings-card.js';",
    ],
    [
      INDEX_ONLY,
      'src/features/digests/fixture.ts',
      "import { x } from '../../features/recordings/answer-memo.js';",
    ],
    [INDEX_ONLY, 'src/app.ts', "import { x } from './features/digests/digest-service.js';"],
    [INDEX_ONLY, 'src/reencrypt-tokens.ts', "import { x } from './features/sign-in/token-cipher.js';"],
    [NO_DEV, 'src/core/fixture.ts', "import { x } from '../../dev/emulator/webex-emulator.js';"],
    [NO_DEV, 'src/features/help/fixture.ts', "import { x } from '../../../dev/demo/run-demo.js';"],
    [NO_DEV, 'src/app.ts', "import { x } from '../dev/emulator/webex-emulator.js';"],
    [NO_DEV, 'src/main.ts', "import { x } from '../test/helpers/wait-for.js';"],
    [NO_DEV, 'src/bot/webex-adapter.ts', "import { x } from '../../bench/harness.js';"],
    [FRAMEWORK, 'src/core/fixture.ts', "import Framework from 'webex-node-bot-framework';"],
    [FRAMEWORK, 'src/bot/fixture.ts', "import webhook from 'webex-node-bot-framework/webhook';"],
    [FRAMEWORK, 'src/app.ts', "import Framework from 'webex-node-bot-framework';"],
    [FRAMEWORK, 'src/store/migrations/fixture.ts', "import Framework from 'webex-node-bot-framework';"],
    [FRAMEWORK, 'src/features/help/fixture.ts', "import Framework from 'webex-node-bot-framework';"],
    [FRAMEWORK, 'src/features/digests/sub/fixture.ts', "import Framework from 'webex-node-bot-framework';"],
    [FRAMEWORK, 'dev/emulator/fixture.ts', "import Framework from 'webex-node-bot-framework';"],
    [FRAMEWORK, 'test/unit/fixture.test.ts', "import Framework from 'webex-node-bot-framework';"],
    [
      FRAMEWORK,
      'src/core/fixture.ts',
      "export const framework: unknown = require('webex-node-bot-framework');",
    ],
    [
      FRAMEWORK,
      'src/features/help/fixture.ts',
      "export const framework = import('webex-node-bot-framework');",
    ],
  ];
  for (const [rule, filePath, code] of forbidden) {
    it(`${filePath}: ${code} is refused ("${rule}")`, async () => {
      const messages = await restrictions(filePath, code);
      assert.ok(
        messages.some((m) => m.includes(rule)),
        `expected "${rule}", got ${JSON.stringify(messages)}`,
      );
    });
  }

  const allowed: [why: string, filePath: string, code: string][] = [
    [
      "a feature through another's index.ts",
      'src/features/digests/fixture.ts',
      "import { x } from '../recordings/index.js';",
    ],
    ['its own files', 'src/features/digests/fixture.ts', "import { x } from './schedule.js';"],
    ['infrastructure', 'src/features/digests/fixture.ts', "import { x } from '../../core/time.js';"],
    [
      'the same one folder deeper',
      'src/features/digests/sub/fixture.ts',
      "import { a } from '../schedule.js';\nimport { b } from '../../recordings/index.js';\nimport { c } from '../../../core/time.js';",
    ],
    [
      'infrastructure from infrastructure',
      'src/core/fixture.ts',
      "import { x } from '../webex/webex-client.js';\nimport { y } from './time.js';",
    ],
    [
      'the composition root, through index.ts',
      'src/app.ts',
      "import { x } from './features/digests/index.js';",
    ],
    [
      'an entry point, through index.ts',
      'src/reencrypt-tokens.ts',
      "import { x } from './features/sign-in/index.js';",
    ],
    [
      'dev tools',
      'dev/emulator/fixture.ts',
      "import { x } from '../../src/features/recordings/recordings-card.js';",
    ],
    [
      'tests',
      'test/unit/fixture.test.ts',
      "import { x } from '../../src/features/digests/run-digest.js';\nimport { y } from '../../dev/emulator/webex-emulator.js';",
    ],
    [
      'benchmarks',
      'bench/fixture.ts',
      "import { x } from '../src/features/recordings/recordings-service.js';",
    ],
    [
      'the adapter',
      'src/bot/webex-adapter.ts',
      "import Framework from 'webex-node-bot-framework';\nexport const webhook: unknown = require('webex-node-bot-framework/webhook');",
    ],
    [
      'the bare-framework echo bot',
      'bench/echo-bot.ts',
      "export const framework: unknown = require('webex-node-bot-framework');",
    ],
  ];
  for (const [why, filePath, code] of allowed) {
    it(`${filePath}: ${why} is allowed`, async () => {
      assert.deepEqual(await restrictions(filePath, code), []);
    });
  }
});

// --- The import graph of src/ ---

const SRC = path.join(ROOT, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? tsFiles(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    )
    .sort();
}

/** Static imports and re-exports (type-only ones too: they point a dependency just the same), and import(). */
const SPECIFIER = /\b(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

/** Relative imports of one file, resolved to the .ts files they name. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const targets = new Set<string>();
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? '';
    if (!spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
    assert.ok(
      existsSync(target),
      `${path.relative(ROOT, file)} imports ${spec}, which the graph walk can't resolve`,
    );
    targets.add(target);
  }
  return [...targets];
}

/** src/features/<feature>, src/<folder>, or a file at the top of src/ (app, config, logger…). */
function areaOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts[0] === 'features') return `features/${parts[1]}`;
  return parts.length === 1 ? (parts[0] ?? '').replace(/\.ts$/, '') : (parts[0] ?? '');
}

type Graph = Map<string, Set<string>>;

function addEdge(graph: Graph, from: string, to: string): void {
  if (!graph.has(from)) graph.set(from, new Set());
  if (!graph.has(to)) graph.set(to, new Set());
  graph.get(from)?.add(to);
}

/** The first cycle found, as the path that closes it (a → b → a), or undefined when the graph is acyclic. */
function findCycle(graph: Graph): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Known cycles between infrastructure areas: src/core holds both the bottom layer (time, email, log-context,
 * metrics) and pieces that sit above bot, webex, store and the logger (messenger, middleware, command-registry,
 * seen-events, capabilities). Each edge is listed so that no new one slips in; when core is split, remove it here.
 */
const TOLERATED_INFRA_EDGES = [
  'core -> bot',
  'core -> config',
  'core -> logger',
  'core -> store',
  'core -> webex',
];

describe('import graph of src/', () => {
  const files = tsFiles(SRC);
  const fileGraph: Graph = new Map();
  const areaGraph: Graph = new Map();
  for (const file of files) {
    fileGraph.set(file, fileGraph.get(file) ?? new Set());
    for (const target of importsOf(file)) {
      addEdge(fileGraph, file, target);
      if (areaOf(file) !== areaOf(target)) addEdge(areaGraph, areaOf(file), areaOf(target));
    }
  }
  const show = (cycle: string[] | undefined) => cycle?.join(' -> ');

  it('the walk sees the whole tree: every feature and the composition root', () => {
    assert.ok(files.length > 80, `${files.length} files`);
    for (const feature of ['recordings', 'digests', 'notifications', 'sign-in', 'timezone', 'help']) {
      assert.ok(areaGraph.get('app')?.has(`features/${feature}`), `app imports features/${feature}`);
    }
    assert.ok(areaGraph.get('features/digests')?.has('core'), 'multi-line imports are read');
  });

  it('the cycle finder finds a cycle, and reports its path', () => {
    const graph: Graph = new Map();
    addEdge(graph, 'a', 'b');
    addEdge(graph, 'b', 'c');
    addEdge(graph, 'c', 'b');
    assert.deepEqual(findCycle(graph), ['b', 'c', 'b']);
    graph.get('c')?.delete('b');
    assert.equal(findCycle(graph), undefined);
  });

  it('no cycle between files', () => {
    const cycle = findCycle(fileGraph);
    assert.equal(cycle && show(cycle.map((f) => path.relative(ROOT, f))), undefined);
  });

  it('no cycle between areas (features, infrastructure folders, top-level files)', () => {
    const withoutTolerated: Graph = new Map(
      [...areaGraph].map(([from, tos]) => [
        from,
        new Set([...tos].filter((to) => !TOLERATED_INFRA_EDGES.includes(`${from} -> ${to}`))),
      ]),
    );
    assert.equal(show(findCycle(withoutTolerated)), undefined);
  });

  it('every tolerated infrastructure edge still exists (remove it here once it is gone)', () => {
    for (const edge of TOLERATED_INFRA_EDGES) {
      const [from = '', to = ''] = edge.split(' -> ');
      assert.ok(areaGraph.get(from)?.has(to), `${edge} no longer exists`);
    }
  });
});
