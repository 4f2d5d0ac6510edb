import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** ARCHITECTURE.md's one rule, kept true: adapters → commands → src, and each library in its layer. */
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
    expect(imports('src/main.ts')).toContain('../adapters/terminal/exec.js');
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

  it('lets only src/main.ts reach adapters/ or commands/ from src/', () => {
    expect(
      offenders(
        (file, spec) => file.startsWith('src/') && file !== 'src/main.ts' && /(^|\/)(adapters|commands)\//.test(spec),
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
