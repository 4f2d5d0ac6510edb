import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { providerIds } from '../src/providers/registry.js';

/**
 * docs/architecture.md's one rule, kept true: adapters → commands → src, each library in its layer,
 * and only the composition root (src/app/) wires the adapters in.
 */
const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2]) as string);
}

const layers = ['src', 'commands', 'adapters'] as const;
const all = layers.flatMap((layer) => sources(layer));

function offenders(rule: (file: string, spec: string) => boolean): string[] {
  return all.flatMap((file) =>
    imports(file)
      .filter((spec) => rule(file, spec))
      .map((spec) => `${file} → ${spec}`),
  );
}

describe('layer boundaries', () => {
  it('finds the sources it checks', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(imports('src/app/exec.ts')).toContain('../../adapters/terminal/exec.js');
    expect(imports('src/app/start.ts')).toContain('../../adapters/discord/index.js');
  });

  it('keeps discord.js and Bolt inside adapters/', () => {
    expect(
      offenders((file, spec) => /^(discord\.js|@discordjs\/|@slack\/)/.test(spec) && !file.startsWith('adapters/')),
    ).toEqual([]);
  });

  it('keeps ofetch inside src/providers/', () => {
    expect(offenders((file, spec) => spec === 'ofetch' && !file.startsWith('src/providers/'))).toEqual([]);
  });

  it('keeps lowdb inside src/storage/', () => {
    expect(offenders((file, spec) => spec.startsWith('lowdb') && !file.startsWith('src/storage/'))).toEqual([]);
  });

  it('keeps the PostgreSQL driver inside src/storage/postgres/', () => {
    expect(offenders((file, spec) => spec === 'postgres' && !file.startsWith('src/storage/postgres/'))).toEqual([]);
  });

  it('lets only the composition root, src/app/, reach adapters/ or commands/ from src/', () => {
    expect(
      offenders(
        (file, spec) =>
          file.startsWith('src/') && !file.startsWith('src/app/') && /(^|\/)(adapters|commands)\//.test(spec),
      ),
    ).toEqual([]);
  });

  it('keeps commands/ free of adapters and platform libraries', () => {
    expect(offenders((file, spec) => file.startsWith('commands/') && /adapters\//.test(spec))).toEqual([]);
  });

  it('keeps the terminal, Discord and Slack adapters apart', () => {
    expect(
      offenders((file, spec) => {
        const own = /^adapters\/([^/]+)\//.exec(file)?.[1];
        const other = /\.\.\/(discord|slack|terminal)\//.exec(spec)?.[1];
        return Boolean(own && other && own !== other);
      }),
    ).toEqual([]);
  });
});

/** The file a relative import names (`./x.js` is `./x.ts` on disk); undefined for packages. */
function resolveImport(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts');
}

/** Every import cycle among the sources, each as the files around it (type-only imports count too). */
function importCycles(files: readonly string[], importsOf: (file: string) => string[] = imports): string[][] {
  const known = new Set(files);
  const edges = new Map(
    files.map((f) => [
      f,
      importsOf(f)
        .flatMap((spec) => resolveImport(f, spec) ?? [])
        .filter((t) => known.has(t)),
    ]),
  );
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(path.slice(path.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe('layers of src/', () => {
  const below = (file: string, spec: string, dir: string) => resolveImport(file, spec)?.startsWith(dir) ?? false;

  it('finds an import cycle when there is one', () => {
    const graph: Record<string, string[]> = {
      'src/a/one.ts': ['../b/two.js', 'zod'],
      'src/b/two.ts': ['./three.js'],
      'src/b/three.ts': ['../a/one.js'],
      'src/c/four.ts': ['../a/one.js'],
    };
    expect(importCycles(Object.keys(graph), (f) => graph[f] ?? [])).toEqual([
      ['src/a/one.ts', 'src/b/two.ts', 'src/b/three.ts'],
    ]);
  });

  it('has no import cycles', () => {
    expect(importCycles(all).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('keeps the kit (actor, roles, options, reply) below everything that uses it', () => {
    expect(
      offenders(
        (file, spec) =>
          file.startsWith('src/kit/') &&
          ['src/runtime/', 'src/services/', 'src/notify/', 'src/access/'].some((d) => below(file, spec, d)),
      ),
    ).toEqual([]);
  });

  it('keeps the services below the command runtime (only the pending questions are built with them)', () => {
    expect(
      offenders(
        (file, spec) =>
          file.startsWith('src/services/') &&
          below(file, spec, 'src/runtime/') &&
          resolveImport(file, spec) !== 'src/runtime/confirmations.ts',
      ),
    ).toEqual([]);
  });
});

/** String literals, template text and identifiers of a file: what its code says, comments left out. */
function codeWords(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
  const words: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isIdentifier(node)) words.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return words;
}

describe('provider ids', () => {
  /** Where a provider may be named: its own folders and the two registries. */
  const ownFolder = new RegExp(`^src/(providers|sandbox)/(${providerIds.join('|')})/`);
  const mayName = (file: string) =>
    ownFolder.test(file) || file === 'src/providers/registry.ts' || file === 'src/sandbox/registry.ts';
  const sourcesWithScripts = [...all, ...sources('scripts')];

  it('finds a provider named in code, and not in a comment', () => {
    const words = codeWords('src/providers/registry.ts');
    expect(words).toContain('infiniteproxies');
    expect(codeWords('src/providers/http.ts').join(' ').toLowerCase()).not.toContain('proxylite');
  });

  it('are named only inside src/providers/<id>/, src/sandbox/<id>/ and the registries', () => {
    const offenders = sourcesWithScripts
      .filter((file) => !mayName(file))
      .flatMap((file) => {
        const words = codeWords(file).map((w) => w.toLowerCase());
        return providerIds.filter((id) => words.some((w) => w.includes(id))).map((id) => `${file}: ${id}`);
      });
    expect(offenders).toEqual([]);
  });
});

/** The comments of a file, as written. */
function comments(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const found: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      found.push(scanner.getTokenText());
    }
  }
  return found;
}

describe('comments', () => {
  /** Documents outside this repository, which a reader of the code cannot open. */
  const elsewhere = /\bSPEC\b|SPEC\.md|ARCHITECTURE\.md|provider-notes|provider-docs|\.\.\/shared\b/;
  const everything = [...all, ...sources('scripts'), ...sources('bench'), ...sources('test')];

  it('finds what a comment says, and only comments', () => {
    expect(comments('src/errors.ts').join('\n')).toContain('docs/commands.md');
    expect(comments('src/errors.ts').join('\n')).not.toContain('invalid_input');
  });

  it("point at the project's own docs/, never at documents outside the repository", () => {
    const offenders = everything.flatMap((file) =>
      comments(file)
        .filter((comment) => elsewhere.test(comment))
        .map(
          (comment) =>
            `${file}: ${comment
              .split('\n')
              .find((line) => elsewhere.test(line))
              ?.trim()}`,
        ),
    );
    expect(offenders).toEqual([]);
  });
});
