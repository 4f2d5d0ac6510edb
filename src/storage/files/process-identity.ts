import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Which process wrote a lock or started a change, told apart well enough to decide later whether it
 * still runs: the host, the pid, and on Linux the boot, the pid namespace and the process's start
 * time, so that a pid reused after a reboot or by another process is not taken for the writer.
 */
export interface ProcessRef {
  host: string;
  pid: number;
  /** Linux: /proc/<pid>/stat start time, in clock ticks since boot. */
  start?: string;
  /** Linux: the kernel's boot id. */
  boot?: string;
  /** Linux: the pid namespace (containers sharing a host name see different pids). */
  ns?: string;
  /** One open store within the process: a store closed mid-change counts as ended, as a restart would. */
  session?: string;
}

const openSessions = new Set<string>();

/** A store of this process opened (`session` counts as running) or closed (it no longer does). */
export function sessionOpened(session: string): void {
  openSessions.add(session);
}

export function sessionClosed(session: string): void {
  openSessions.delete(session);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function startTime(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

let self: ProcessRef | undefined;

export function thisProcess(): ProcessRef {
  if (self?.pid === process.pid) return self;
  const start = startTime(process.pid);
  const boot = readText('/proc/sys/kernel/random/boot_id');
  const ns = pidNamespace();
  self = {
    host: hostname(),
    pid: process.pid,
    ...(start ? { start } : {}),
    ...(boot ? { boot } : {}),
    ...(ns ? { ns } : {}),
  };
  return self;
}

/**
 * Whether the process still runs. A process this one cannot see (another host, another pid
 * namespace) counts as running: only PostgreSQL can share data between machines safely.
 */
export function isRunning(ref: ProcessRef): boolean {
  const me = thisProcess();
  if (ref.host !== me.host) return true;
  if (ref.ns && me.ns && ref.ns !== me.ns) return true;
  if (ref.boot && me.boot && ref.boot !== me.boot) return false;
  if (ref.pid === me.pid && (!ref.start || !me.start || ref.start === me.start)) {
    return ref.session === undefined || openSessions.has(ref.session);
  }
  try {
    process.kill(ref.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (ref.start) {
    const now = startTime(ref.pid);
    if (now !== undefined && now !== ref.start) return false;
  }
  return true;
}

export function describeProcess(ref: ProcessRef): string {
  return `pid ${ref.pid} on ${ref.host}`;
}
