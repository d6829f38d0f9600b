/** The API process: reads config, builds the app, listens, and shuts down cleanly on SIGTERM/SIGINT (started by server.ts). */
import { loadConfig } from './config.js';
import { checkExposure } from './http/access/exposure.js';
import { buildApp } from './http/app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Before anything loads: an open API on the network is refused at once, with what to set.
  const openApiWarning = checkExposure(config);
  const app = await buildApp({ config });
  if (openApiWarning) app.log.warn(openApiWarning);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // app.close() stops the listener at once and waits for open connections. Fastify reaps idle
    // keep-alive sockets only at that instant, so a socket whose in-flight request finishes later
    // would hold close() open for keepAliveTimeout (72 s): reap each one as soon as it goes idle.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
    // Past the grace period, stop anyway: the orchestrator's SIGKILL would be less tidy.
    setTimeout(() => {
      app.log.error({ signal, ms: config.shutdownTimeoutMs }, 'shutdown timed out; exiting with requests still open');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    await app.close();
    clearInterval(reaper);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // SIGHUP: read the edited dictionaries and templates; a broken edit is logged and ignored.
  process.on('SIGHUP', () => {
    app.analysis.reload().catch((err: unknown) => {
      app.log.error(
        { err: err instanceof Error ? err.message : String(err) },
        'dictionary reload rejected; the previous version keeps serving',
      );
    });
  });
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err: unknown) => {
  // Start-up errors (bad config, a broken dictionary file) are the operator's to fix: say what, plainly.
  console.error(`ondo failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
