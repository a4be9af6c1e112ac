// Which AWS calls a program makes, read from its source: every module reachable by imports from
// its entry points (so tests, testing helpers and dev-only scripts count only if the program
// really imports them), and in each, the SDK commands it constructs or presigns and the kinds
// of transaction items it writes. Module-level: a module that calls Query in one function and
// PutItem in another counts for both, which errs towards granting, never towards missing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface SdkUsage {
  /** Modules read, relative to the root. */
  modules: string[];
  /** SDK command class -> modules that use it. */
  commands: Map<string, string[]>;
  /** Transaction item kind (Put, Update, Delete, ConditionCheck) -> modules that write one. */
  transactItems: Map<string, string[]>;
}

const EXTENSIONS = [".ts", ".tsx", ".js", ".mjs"];

function resolveImport(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package: its calls are not the app's code
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this spelling
    }
  }
  throw new Error(`${path.relative(root, from)} imports ${specifier}, which does not resolve`);
}

/** Comments out, so an example in a comment is neither an import nor a call. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
// `new GetCommand(`, `getSignedUrl(client, new PutObjectCommand(…))` alike. The SDK's paginators
// and waiters (`paginateQuery(`, `waitUntilTableExists(`) send commands of their own: they are
// recorded under their names, which lib/infra/sdk-actions.ts does not map, so the usage test
// names them until someone adds the calls they make.
const COMMAND = /\bnew\s+([A-Z][A-Za-z0-9]*Command)\s*\(|\b((?:paginate|waitUntil)[A-Z][A-Za-z0-9]*)\s*\(/g;
// `{ Put: { TableName: … } }` inside TransactItems; the TableName next to it tells it from
// other objects that have a Put key.
const TRANSACT_ITEM = /\b(Put|Update|Delete|ConditionCheck)\s*:\s*\{\s*TableName\b/g;

function record(map: Map<string, string[]>, key: string, module: string) {
  const modules = map.get(key) ?? [];
  if (!modules.includes(module)) modules.push(module);
  map.set(key, modules);
}

export function scanSdkUsage(root: string, entryPoints: string[]): SdkUsage {
  const usage: SdkUsage = { modules: [], commands: new Map(), transactItems: new Map() };
  const seen = new Set<string>();
  const queue = entryPoints.map((e) => path.resolve(root, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const relative = path.relative(root, file);
    usage.modules.push(relative);
    const source = stripComments(readFileSync(file, "utf8"));
    for (const [, specifier] of source.matchAll(IMPORT)) {
      const target = resolveImport(root, file, specifier!);
      if (target && !seen.has(target)) queue.push(target);
    }
    for (const [, command, helper] of source.matchAll(COMMAND)) record(usage.commands, (command ?? helper)!, relative);
    for (const [, kind] of source.matchAll(TRANSACT_ITEM)) record(usage.transactItems, kind!, relative);
  }
  usage.modules.sort();
  return usage;
}

/** Source files under a directory (tests left out: they are not part of any program). */
export function sourceFiles(root: string, directory: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path.relative(root, full));
    }
  };
  walk(path.join(root, directory));
  return out.sort();
}
