import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@timesheets/server-config';
import { createApi, loadApiConfig } from '@timesheets/api-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadApiConfig(), 'api');
  const app = await createApi(config);
  // On SIGTERM/SIGINT Nest stops accepting connections and lets in-flight requests finish; this bounds the wait.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref());
  }
  await app.listen(config.port, config.host);
  Logger.log(`Timesheets API on http://${config.host}:${config.port}/api (docs at /api/docs)`, 'Bootstrap');
  Logger.log(`X-Forwarded-* believed from: ${config.trustProxy.description} (TRUST_PROXY)`, 'Bootstrap');
}

main().catch((err: unknown) => {
  console.error('api: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
