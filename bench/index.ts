import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: every benchmark, each in a fresh process so that one's memory peak cannot show up in
 * another's RSS figure. Not part of `npm test`. `npm run bench -- notify slack` runs some. The exit
 * status is 1 when any target was missed.
 */
const names = ['storage', 'discord', 'slack', 'chat-rss', 'notify'];
const wanted = process.argv.slice(2).filter((name) => names.includes(name));
const runner = fileURLToPath(new URL('./run-one.ts', import.meta.url));
const missed: string[] = [];
for (const name of wanted.length > 0 ? wanted : names) {
  console.log(`\n=== ${name} ===`);
  // The same V8 flag as `npm start`: a small young generation keeps a long-running bot's RSS near its live heap.
  const result = spawnSync(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', runner, name], {
    stdio: 'inherit',
  });
  if (result.status !== 0) missed.push(name);
}
console.log(missed.length === 0 ? '\nAll benchmark targets met.' : `\nTargets missed: ${missed.join(', ')}`);
process.exitCode = missed.length === 0 ? 0 : 1;
