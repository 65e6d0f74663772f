import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiExceptionFilter, validationException } from '@timesheets/api-core';
import { BEARER_SCHEME } from '@timesheets/api-auth';
import type { ApiConfig } from './api-config';
import { ApiModule } from './api.module';
import { ApiMetrics } from './metrics';
import { installHttpPolicies } from './http-policies';
import { createEventLog, stdoutEventLog, type EventLogDestination } from './event-log';
import { installRequestLog } from './request-log';
import { ApiValidationPipe } from './api-validation.pipe';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface CreateApiOptions {
  /** Nest's log levels; `false` silences the framework logger (tests). */
  logger?: LogLevel[] | false;
  /** Where the access and security logs go (default: stdout, asynchronously). */
  eventLog?: EventLogDestination;
}

const LOG_LEVELS: Record<ApiConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Builds the API on Fastify: validation, error shape, security headers, CORS and OpenAPI. Not yet listening. */
export async function createApi(config: ApiConfig, options: CreateApiOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy.trust,
    caseSensitive: true,
    ignoreTrailingSlash: false,
    maxParamLength: 200,
    // JSON bodies with __proto__ or constructor.prototype keys are refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A caller's request id is kept when it is safe to log; otherwise a new one is made.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger:
      options.logger === false
        ? false
        : new ConsoleLogger({
            json: config.logFormat === 'json',
            logLevels: options.logger ?? LOG_LEVELS[config.logLevel],
          }),
    abortOnError: false,
    // Body parsing is ours (JSON only, nesting-limited): see installHttpPolicies.
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(
    new ApiValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      stopAtFirstError: false,
      exceptionFactory: (errors) => validationException(errors),
    }),
  );
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // The SPA reads the Bearer challenge (insufficient_scope), Retry-After, the request id and an export's file name.
    exposedHeaders: ['WWW-Authenticate', 'Retry-After', 'X-Request-Id', 'Content-Disposition'],
    credentials: false,
    maxAge: 600,
  });

  const fastify = app.getHttpAdapter().getInstance();
  await installHttpPolicies(fastify, config);
  const eventLogStream = options.eventLog ?? stdoutEventLog();
  installRequestLog(fastify, config, app.get(ApiMetrics), createEventLog(eventLogStream));
  // On SIGTERM Nest closes the app and then re-raises the signal, so no 'exit' handler runs: write what is buffered.
  fastify.addHook('onClose', (_instance, done) => {
    (eventLogStream as { flushSync?: () => void }).flushSync?.();
    done();
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Timesheets API')
      .setDescription('ExampleCo timesheets: entries, approvals and authorization administration')
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  await app.init();
  return app;
}
