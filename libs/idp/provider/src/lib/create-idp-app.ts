import { createHmac } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import {
  AccountStore,
  DatabaseLoginAttemptStore,
  loadSigningKeys,
  openIdpDataSource,
  purgeExpiredOidcPayloads,
  type PrivateJwk,
} from '@timesheets/idp-data-access';
import { HttpMetrics } from '@timesheets/server-core';
import { createOidcProvider, redirectOrigins } from './create-oidc-provider';
import { applyTrustProxy } from './forwarded-headers';
import type { IdpConfig } from './idp-config';
import { idpRouteOf } from './idp-routes';
import { IdpModule } from './idp.module';
import type { IdpRuntime } from './idp-runtime';
import { LoginThrottle } from './login-throttle';
import { PasswordCheckLimiter } from './password-check-limiter';
import type { OidcProvider } from './oidc-types';
import { PolicyClient } from './policy-client';
import { signsInProcess } from './signing';

export interface IdpApp {
  app: INestApplication;
  /** The current oidc-provider instance (replaced when the signing keys change). */
  readonly provider: OidcProvider;
  dataSource: DataSource;
  runtime: IdpRuntime;
  /** Re-reads the signing keys now (otherwise every `keyReloadIntervalMs`); true when they changed. */
  reloadSigningKeys(): Promise<boolean>;
  /** Listens on the given port and host; resolves to the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Stops HTTP, the purge timer and the database connection. */
  close(): Promise<void>;
}

export interface CreateIdpAppOptions {
  /** Nest logger levels, or false for silence (tests). */
  logger?: false | LogLevel[];
  /** How often the stored signing keys are checked for a rotation (default 60 s). */
  keyReloadIntervalMs?: number;
  /** Sign tokens in the event loop's thread rather than the thread pool (default: when the process has one CPU). */
  signInProcess?: boolean;
}

const THROTTLE_WINDOW_MS = 15 * 60_000;
/** A sign-in waits at most this long for its account's turn and then for a password-check slot (else 503). */
const PASSWORD_CHECK_MAX_WAIT_MS = 5_000;

/** Paths Nest serves; everything else goes to oidc-provider (which answers 404 for /metrics while metrics are off). */
const NEST_PATHS = /^\/(interaction\/|health(\/|\?|$))/;
const NEST_PATHS_WITH_METRICS = /^\/(interaction\/|health(\/|\?|$)|metrics(\?|$))/;

/**
 * Builds the whole provider: database (migrated), demo accounts when DEMO_PASSWORD is set, signing keys,
 * oidc-provider mounted in a Nest (Express) app with the interaction pages. Does not listen.
 */
export async function createIdpApp(config: IdpConfig, options: CreateIdpAppOptions = {}): Promise<IdpApp> {
  const logger = new Logger('Idp');
  const dataSource = await openIdpDataSource(config.databaseUrl);
  try {
    const accounts = new AccountStore(dataSource);
    if (config.demoPassword) {
      const created = await accounts.seedDemoAccounts(config.demoPassword);
      if (created.length && options.logger !== false) logger.log(`demo accounts created: ${created.join(', ')}`);
    }
    const policy = new PolicyClient(config);
    const signInProcess = options.signInProcess ?? signsInProcess();
    if (signInProcess && options.logger !== false) logger.log('tokens are signed in the event loop thread (one CPU)');
    const build = async (keys: PrivateJwk[]) => {
      const built = await createOidcProvider(config, {
        dataSource,
        accounts,
        policy,
        signingKeys: keys,
        signInProcess,
      });
      // Koa believes X-Forwarded-* only with this on; applyTrustProxy has removed them unless a trusted proxy sent them.
      built.proxy = config.trustProxy.trust !== false;
      return built;
    };
    let signingKeys = await loadSigningKeys(dataSource);
    const provider = await build(signingKeys);

    const loginThrottle = new LoginThrottle(new DatabaseLoginAttemptStore(dataSource), {
      perAccount: 5,
      // Looser per address: many people may share one (office NAT), while one address trying many accounts still stops.
      perAddress: 20,
      windowMs: THROTTLE_WINDOW_MS,
    });
    const runtime: IdpRuntime = {
      config,
      provider,
      dataSource,
      accounts,
      policy,
      loginThrottle,
      passwordChecks: new PasswordCheckLimiter({
        concurrency: config.passwordCheckConcurrency,
        maxWaitMs: PASSWORD_CHECK_MAX_WAIT_MS,
      }),
      csrfSecret: createHmac('sha256', config.cookieKeys[0]).update('interaction-csrf').digest('base64url'),
      formTargets: redirectOrigins(config),
      metrics: config.metricsKey ? new HttpMetrics() : undefined,
    };

    const app = await NestFactory.create(IdpModule.register(runtime), {
      bodyParser: false,
      logger: options.logger ?? ['log', 'warn', 'error'],
    });
    const express = app.getHttpAdapter().getInstance() as {
      disable(setting: string): void;
      set(setting: string, value: unknown): void;
    };
    express.disable('x-powered-by');
    // The client address for login throttling is the one the trusted proxies saw (TRUST_PROXY, as in the API).
    express.set('trust proxy', config.trustProxy.trust);
    let oidc = provider.callback();
    await app.init();
    /*
     * Requests for oidc-provider go straight from the HTTP server to its (Koa) handler; only the interaction pages and
     * the health check pass through Express and Nest. Express would add nothing to oidc-provider's responses (no
     * body parser, no x-powered-by), but its request decoration and router cost time on every token request.
     */
    const server = app.getHttpServer() as Server;
    const nest = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    if (nest.length !== 1) throw new Error(`expected one request listener on the HTTP server, found ${nest.length}`);
    const [nestHandler] = nest;
    server.removeListener('request', nestHandler);
    const { metrics } = runtime;
    const nestPaths = metrics ? NEST_PATHS_WITH_METRICS : NEST_PATHS;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      applyTrustProxy(req, config.trustProxy);
      if (metrics) observe(metrics, req, res);
      return nestPaths.test(req.url ?? '') ? nestHandler(req, res) : oidc(req, res);
    });

    /*
     * oidc-provider fixes its keys at construction. When the stored keys change (tools/idp/rotate-keys.ts, or a
     * retired key passing its retention), a new provider instance replaces the current one; all state is in the
     * database, so requests in flight finish on the old instance and nothing is lost.
     */
    const kidsOf = (keys: PrivateJwk[]) => keys.map((k) => k.kid).join(' ');
    const reloadSigningKeys = async (): Promise<boolean> => {
      const keys = await loadSigningKeys(dataSource);
      if (kidsOf(keys) === kidsOf(signingKeys)) return false;
      const next = await build(keys);
      signingKeys = keys;
      runtime.provider = next;
      oidc = next.callback();
      if (options.logger !== false) logger.log(`signing keys now: ${kidsOf(keys)} (first one signs)`);
      return true;
    };
    const reload = setInterval(
      () => void reloadSigningKeys().catch((err: Error) => logger.error(`key reload failed: ${err.message}`)),
      options.keyReloadIntervalMs ?? 60_000,
    );
    reload.unref();

    const purge = setInterval(() => {
      void purgeExpiredOidcPayloads(dataSource).catch(() => undefined);
      void loginThrottle.purge().catch(() => undefined);
    }, 10 * 60_000);
    purge.unref();

    return {
      app,
      get provider() {
        return runtime.provider;
      },
      dataSource,
      runtime,
      reloadSigningKeys,
      async listen(port = config.port, host?: string) {
        const server = host ? await app.listen(port, host) : await app.listen(port);
        return (server.address() as { port: number }).port;
      },
      async close() {
        clearInterval(purge);
        clearInterval(reload);
        await app.close();
        policy.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw err;
  }
}

/** Counts the request and its latency, by route pattern and status, once its response is sent. */
function observe(metrics: HttpMetrics, req: IncomingMessage, res: ServerResponse): void {
  const start = performance.now();
  res.once('finish', () => {
    const status = res.statusCode;
    metrics.observe(req.method ?? 'GET', idpRouteOf(req.url ?? '/'), status, (performance.now() - start) / 1000);
    if (status === 401 || status === 403) metrics.authFailure(status);
  });
}
