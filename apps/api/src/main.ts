import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@timesheets/server-core';
import { createApi, loadApiConfig } from '@timesheets/api-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadApiConfig(), 'api');
  const app = await createApi(config);
  await app.listen(config.port, config.host);
  Logger.log(`Timesheets API on http://${config.host}:${config.port}/api (docs at /api/docs)`, 'Bootstrap');
}

main().catch((err: unknown) => {
  console.error('api: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
