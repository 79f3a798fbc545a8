import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The map of src/modules (docs/ARCHITECTURE.md, "Module boundaries"): which module imports which,
 * the cycles between them, and the imports that break the rules `npm run lint` enforces:
 * - a module reaches another only through that module's index.ts, except that table and repository
 *   files may import another module's `*.table.ts` (one database: foreign keys and joins);
 * - only repositories (`*.repository.ts`), table files and src/db/ import the ORM.
 * Tests may reach into any module and read the database directly, so they are left out of both the
 * rules and the graph; so are imports of table files, which import nothing but other tables.
 *
 *   node packages/server/scripts/module-graph.ts            graph, cycles and violations
 *   node packages/server/scripts/module-graph.ts --check    violations and cycles only; exit 1 if any
 */

export interface SourceFile {
  /** Path relative to the src folder, with forward slashes. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  rule: 'index-only' | 'orm-in-repositories';
}

const IMPORT_PATTERN =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT_PATTERN)) found.push(match[1] ?? match[2]!);
  return found;
}

/** `modules/cases/usecases/x.ts` → `cases`; files outside modules/ have no module. */
export function moduleOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'modules' && parts.length > 2 ? parts[1] : undefined;
}

function resolveRelative(from: string, specifier: string): string {
  const joined = join(dirname(from), specifier).split(sep).join('/');
  return joined;
}

const isTest = (path: string) => /\.test\.ts$|\.test-[a-z-]+\.ts$|test-helpers\.ts$|\.test-files\.ts$/.test(path);
const isTable = (path: string) => path.endsWith('.table.ts');
const isRepository = (path: string) => path.endsWith('.repository.ts');
const mayUseOrm = (path: string) => path.startsWith('db/') || isRepository(path) || isTable(path);

export interface ModuleGraph {
  edges: Map<string, Set<string>>;
  violations: Violation[];
}

export function buildGraph(files: SourceFile[]): ModuleGraph {
  const edges = new Map<string, Set<string>>();
  const violations: Violation[] = [];
  for (const file of files) {
    if (isTest(file.path)) continue;
    const from = moduleOf(file.path);
    for (const specifier of importsOf(file.text)) {
      if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) {
        if (!mayUseOrm(file.path)) violations.push({ file: file.path, specifier, rule: 'orm-in-repositories' });
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file.path, specifier);
      const to = moduleOf(target);
      if (!from || !to || from === to) continue;
      if (isTable(target)) {
        if (!isTable(file.path) && !isRepository(file.path))
          violations.push({ file: file.path, specifier, rule: 'index-only' });
        continue;
      }
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
      if (target !== `modules/${to}/index.ts`) violations.push({ file: file.path, specifier, rule: 'index-only' });
    }
  }
  return { edges, violations };
}

/** Strongly connected components of more than one module (Tarjan): each is a cycle. */
export function cyclesOf(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((set) => [...set])]);
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...nodes].sort()) if (!indices.has(node)) visit(node);
  return components;
}

/** The pairs of modules that import each other, the simplest cycles to read. */
export function mutualPairs(edges: Map<string, Set<string>>): string[] {
  const pairs: string[] = [];
  for (const [from, targets] of edges)
    for (const to of targets) if (from < to && edges.get(to)?.has(from)) pairs.push(`${from} <-> ${to}`);
  return pairs.sort();
}

function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const full = join(folder, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts'))
        files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return files;
}

if (import.meta.main) {
  const src = resolve(import.meta.dirname, '../src');
  const { edges, violations } = buildGraph(readSources(src));
  const cycles = cyclesOf(edges);
  const checkOnly = process.argv.includes('--check');
  if (!checkOnly) {
    console.log('Module imports (from -> to):');
    for (const from of [...edges.keys()].sort()) console.log(`  ${from} -> ${[...edges.get(from)!].sort().join(', ')}`);
    console.log(`\nModules that import each other: ${mutualPairs(edges).join('; ') || 'none'}`);
  }
  console.log(`Cycles between modules: ${cycles.length === 0 ? 'none' : ''}`);
  for (const cycle of cycles) console.log(`  ${cycle.join(' -> ')}`);
  console.log(`Boundary violations: ${violations.length === 0 ? 'none' : violations.length}`);
  for (const violation of violations)
    console.log(`  [${violation.rule}] ${violation.file} imports ${violation.specifier}`);
  if (checkOnly && (cycles.length > 0 || violations.length > 0)) process.exit(1);
}
