// Stack traces name the TypeScript files and lines, read from the build's source maps when a stack is
// formatted. Node's own switch (process.setSourceMapsEnabled) reads and indexes the map of every module
// as it loads, a good part of a terminal command's start-up, and Node 20 cannot map a module loaded
// before it is switched on. So only the maps of the build's files that appear in a stack are read, the
// first time one does; frames elsewhere (node_modules, Node itself) are left as V8 writes them.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Maps frames in the files under `build` (a file: URL ending in /); returns the function it installed. */
export function mapStacksToSources(build) {
  const prefix = build.href;
  /** @type {Map<string, SourceMap | null>} */
  const maps = new Map();
  const mapOf = (file) => {
    if (!maps.has(file)) {
      let map = null;
      try {
        map = new SourceMap(JSON.parse(readFileSync(fileURLToPath(`${file}.map`), 'utf8')));
      } catch {
        // no readable map: the frame stays as V8 wrote it
      }
      maps.set(file, map);
    }
    return maps.get(file);
  };

  /** `at name (src/file.ts:line:column)` as Node writes a source-mapped frame, or undefined. */
  const mapped = (site) => {
    const file = site.getFileName();
    if (typeof file !== 'string' || !file.startsWith(prefix)) return undefined;
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (line === null || column === null) return undefined;
    const entry = mapOf(file)?.findEntry(line - 1, column - 1);
    if (!entry?.originalSource || entry.originalLine === undefined) return undefined;
    const source = fileURLToPath(new URL(entry.originalSource, file));
    const type = site.getTypeName();
    const name = site.getFunctionName() ?? site.getMethodName();
    const callee = `${site.isAsync() ? 'async ' : ''}${site.isConstructor() ? 'new ' : ''}${
      type && type !== 'global' && !site.isConstructor() && name ? `${type}.` : ''
    }${name ?? ''}`;
    const at = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    return callee.trim() ? `${callee} (${at})` : at;
  };

  const prepare = (error, sites) => {
    const head = Error.prototype.toString.call(error);
    if (sites.length === 0) return head;
    const frame = (site) => {
      try {
        return mapped(site) ?? String(site);
      } catch {
        return String(site);
      }
    };
    return `${head}\n    at ${sites.map(frame).join('\n    at ')}`;
  };
  Error.prepareStackTrace = prepare;
  return prepare;
}
