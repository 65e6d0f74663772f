import { loadConfigOrExit } from '@timesheets/server-config';
import { createWebHost, loadWebHostConfig } from '@timesheets/server-web-host';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadWebHostConfig(), 'web');
  const app = await createWebHost(config);
  // SIGTERM/SIGINT: stop accepting connections, let requests in flight finish (at most 10 s), then exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), 10_000).unref();
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  await app.listen({ port: config.port, host: config.host });
  const mounts = config.mounts.map((m) => `${m.basePath} -> ${m.root}`).join(', ');
  app.log.info(`web: serving ${mounts} on http://${config.host}:${config.port}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`web: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
