import { type App, type BootOptions, bootApp } from './boot.js';
import { configProblem } from './cli.js';

/**
 * Boots the app (configuration, store, providers, services; the simulators with --sandbox), runs
 * one verb on it and closes it, also on Ctrl-C or a service manager's stop.
 */
export async function withApp(
  sandbox: boolean,
  logLevel: string | undefined,
  work: (app: App) => Promise<number>,
  failedToStart: (error: unknown) => number = configProblem,
  boot: Pick<BootOptions, 'store'> = {},
): Promise<number> {
  let app: App;
  try {
    app = await bootApp({ ...boot, sandbox, ...(logLevel ? { logLevel } : {}) });
  } catch (error) {
    return failedToStart(error);
  }
  const stop = async () => {
    await app.close();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await work(app);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await app.close();
  }
}
