import { type App, type BootOptions, bootApp } from './boot.js';
import { configProblem } from './cli.js';

export interface WithAppOptions extends Pick<BootOptions, 'store'> {
  /**
   * The verb stops its own work when `stopRequested` aborts (the first Ctrl-C or service manager's
   * stop) and then returns, so its adapters can drain before the app closes. Without it, or on a second
   * signal, the app is closed at once and the process exits with 130.
   */
  stopsOnRequest?: boolean;
}

/**
 * Boots the app (configuration, store, providers, services; the simulators with --sandbox), runs
 * one verb on it and closes it, also on Ctrl-C or a service manager's stop.
 */
export async function withApp(
  sandbox: boolean,
  logLevel: string | undefined,
  work: (app: App, stopRequested: AbortSignal) => Promise<number>,
  failedToStart: (error: unknown) => number = configProblem,
  options: WithAppOptions = {},
): Promise<number> {
  const { stopsOnRequest = false, ...boot } = options;
  let app: App;
  try {
    app = await bootApp({ ...boot, sandbox, ...(logLevel ? { logLevel } : {}) });
  } catch (error) {
    return failedToStart(error);
  }
  const stopRequest = new AbortController();
  const onSignal = async () => {
    if (stopsOnRequest && !stopRequest.signal.aborted) {
      stopRequest.abort();
      return;
    }
    await app.close();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(app, stopRequest.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await app.close();
  }
}
