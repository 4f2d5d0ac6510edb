import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, vi } from 'vitest';

export const bin = resolve(import.meta.dirname, '../../bin/resellerops.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** What stdin gets, then it is closed; `null` leaves it open for the test to write to. */
  input?: string | null;
  env?: Record<string, string>;
  /** Killed with SIGKILL after this long, so that a hang fails the test instead of lingering. */
  killAfterMs?: number;
  /** Flags for node itself, before the bin (e.g. `--import` a tracing hook). */
  nodeArgs?: string[];
}

/** The real bin, in a folder of its own (no stray .env), with a clean environment; `done` when it exits. */
export function spawnCli(args: string[], options: CliOptions): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.killAfterMs ? { timeout: options.killAfterMs, killSignal: 'SIGKILL' as const } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Run>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  if (options.input !== null) child.stdin?.end(options.input ?? '');
  return { child, done };
}

/** Runs the bin to the end. */
export function cli(args: string[], options: CliOptions): Promise<Run> {
  return spawnCli(args, options).done;
}

/**
 * Starts the bin and kills it with SIGKILL as soon as `reached()` holds (say, its change arrived at a
 * simulator): what a crash or `kill -9` in the middle of a command leaves behind.
 */
export async function killWhen(args: string[], options: CliOptions, reached: () => boolean): Promise<void> {
  const { child, done } = spawnCli(args, options);
  await vi.waitFor(() => expect(reached()).toBe(true), { timeout: 30_000, interval: 20 });
  child.kill('SIGKILL');
  expect((await done).signal).toBe('SIGKILL');
}
