// `node --import ./test/helpers/module-trace.mjs ...`: appends the URL of every module the process
// loads (ES modules through the loader hooks, CommonJS through Module._load's resolution) to the
// file named by MODULE_TRACE_FILE, one per line, so a test can tell what a command imported.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.MODULE_TRACE_FILE;
if (file) {
  register(new URL('./module-trace-hooks.mjs', import.meta.url), { data: { file } });
  const Module = createRequire(import.meta.url)('node:module');
  const load = Module._load;
  Module._load = function traced(request, parent, isMain, ...rest) {
    try {
      const path = Module._resolveFilename(request, parent, isMain);
      if (path.startsWith('/')) appendFileSync(file, `${pathToFileURL(path).href}\n`);
    } catch {
      // unresolvable: the real load reports it
    }
    return load.call(this, request, parent, isMain, ...rest);
  };
}
