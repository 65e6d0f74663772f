import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@timesheets/server-config';
import { createIdpApp, loadIdpConfig } from '@timesheets/idp-provider';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(() => loadIdpConfig(process.env), 'idp');
  const idp = await createIdpApp(config);
  const port = await idp.listen(config.port);
  Logger.log(`OpenID Provider ${config.issuer} listening on port ${port}`, 'Idp');
  Logger.log(`X-Forwarded-* believed from: ${config.trustProxy.description} (TRUST_PROXY)`, 'Idp');
  const stop = (signal: string) => {
    Logger.log(`${signal}: shutting down`, 'Idp');
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`idp: failed to start: ${err.message}\n`);
  process.exit(1);
});
