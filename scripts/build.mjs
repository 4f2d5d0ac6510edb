// `npm run build` (and `prepare`, so `npm ci` builds): bundles the CLI into dist/ with esbuild, as
// ES modules split at every dynamic import, so a command loads only its own code: `exec` never
// reads the chat adapters, the charts or the simulators. One file per chunk instead of hundreds of
// modules is what makes a terminal command start fast. Types are checked by `npm run typecheck`.
// Source maps (mappings only) let stack traces name the TypeScript files and lines, so the output
// can drop whitespace (a smaller install, less to parse); names are kept.
//
// Plain JavaScript, so it runs before anything is built. Under `npm ci --omit=dev` esbuild is not
// installed: the same version (from package-lock.json) is then run through npx, from npm's cache.
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Libraries left to node_modules: the chat platforms, charts and QR codes (loaded only by the
 * commands that use them), and pino, whose log transports run from its own files in a worker.
 */
const external = [
  'discord.js',
  '@discordjs/*',
  'discord-api-types',
  'discord-api-types/*',
  '@slack/*',
  'vega-*',
  '@resvg/resvg-js',
  'uqr',
  'pino',
  'pino-pretty',
];

/**
 * The CLI; the composition root, which test/cli/stack-sources.test.ts boots; and, as one entry, what
 * bench/sweep-child.js drives directly (the notifier with unpaced delivery), so that the benchmark
 * measures the same compiled code the CLI runs. Each entry splits the code it shares with the others
 * into chunks of their own: a terminal `/help` loads 42 files with these three, 47 with the notifier
 * and the alert sink as entries of their own.
 */
const entryPoints = ['src/app/main.ts', 'src/app/boot.ts', 'bench/sweep-product.ts'];

// Built next to dist/ and swapped in at the end, so a run that reads dist/ meanwhile (a test, the bot)
// never sees half a build.
const staging = `.dist-build-${process.pid}`;

const options = {
  entryPoints,
  outdir: staging,
  outbase: '.',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: true,
  sourcesContent: false,
  chunkNames: 'chunks/[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  esbuild = undefined;
}
if (esbuild) {
  await esbuild.build({ ...options, absWorkingDir: root });
} else {
  const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
  const version = lock.packages['node_modules/esbuild']?.version;
  if (!version) throw new Error('esbuild is missing from package-lock.json');
  const flags = [
    ...entryPoints,
    `--outdir=${options.outdir}`,
    `--outbase=${options.outbase}`,
    '--bundle',
    '--splitting',
    `--format=${options.format}`,
    `--platform=${options.platform}`,
    `--target=${options.target}`,
    ...external.map((e) => `--external:${e}`),
    '--sourcemap',
    '--sources-content=false',
    `--chunk-names=${options.chunkNames}`,
    '--minify-whitespace',
    '--minify-syntax',
    `--log-level=${options.logLevel}`,
  ];
  execFileSync('npx', ['--yes', `esbuild@${version}`, ...flags], { cwd: root, stdio: 'inherit' });
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
renameSync(new URL(`../${staging}`, import.meta.url), new URL('../dist', import.meta.url));
