import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { freePort } from '../test/helpers/ports.js';

/**
 * Processes for the benchmarks. The product and its baselines each run in a process of their own,
 * started the same way: plain `node`, no extra flags, a clean environment. The product runs through
 * its bin (what `npx resellerops` and a service file run); the baselines are plain JS files.
 */
export const root = fileURLToPath(new URL('..', import.meta.url));
export const cli = fileURLToPath(new URL('../bin/resellerops.js', import.meta.url));
export const bareBot = fileURLToPath(new URL('./bare-bot.js', import.meta.url));

export interface Proc {
  child: ChildProcess;
  /** The last 64 kB of stderr (start-up failures, logs). */
  stderr(): string;
  exited: Promise<number | null>;
}

/** `node <script> ...args` with only PATH, HOME and `env`; stdout is ignored, stderr kept. */
export function startNode(script: string, args: string[], env: Record<string, string>, cwd = root): Proc {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-65_536);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

/** SIGTERM, then SIGKILL if it has not exited within 15 s. */
export async function stopProc(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
  await proc.exited;
  clearTimeout(timer);
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Linux counts a process's CPU time in clock ticks of 10 ms (USER_HZ, 100 on every mainstream kernel). */
const msPerTick = 10;

/** CPU time (user + system) a process has used so far, in ms, from /proc; undefined once it has ended. */
export function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * msPerTick;
  } catch {
    return undefined;
  }
}

/** `pid` and every process below it (a re-exec, a compiler service), from /proc. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of parents.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** Resident memory of a process and all its descendants, in MiB (Linux /proc). */
export function treeRssMiB(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + statusKb(p, 'VmRSS'), 0) / 1024;
}

/**
 * Runs a command to its end and returns its peak RSS in MiB: GNU time's maxrss (exact, from wait4)
 * when /usr/bin/time exists, else the last /proc VmHWM seen while polling every 10 ms.
 */
export async function peakRssMiB(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ peakMiB: number; code: number | null; stdout: string; stderr: string }> {
  const viaTime = existsSync('/usr/bin/time');
  const command = viaTime ? '/usr/bin/time' : process.execPath;
  const argv = viaTime ? ['-f', 'maxrss:%M', process.execPath, ...args] : args;
  const child = spawn(command, argv, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let polledKb = 0;
  const poll = setInterval(() => {
    if (child.pid) polledKb = Math.max(polledKb, ...processTree(child.pid).map((p) => statusKb(p, 'VmHWM')));
  }, 10);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearInterval(poll);
  const timed = /maxrss:(\d+)\s*$/.exec(stderr);
  const kb = timed ? Number(timed[1]) : polledKb;
  return { peakMiB: kb / 1024, code, stdout, stderr: timed ? stderr.slice(0, timed.index) : stderr };
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Resolves once something accepts connections on 127.0.0.1:port. */
export async function waitForPort(port: number, proc?: Proc): Promise<void> {
  const { connect } = await import('node:net');
  await waitFor(() => {
    if (proc && proc.child.exitCode !== null) throw new Error(`process exited early:\n${proc.stderr()}`);
    return new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }, `port ${port}`);
}
