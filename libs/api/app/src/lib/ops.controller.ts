import {
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { HealthResponse } from '@timesheets/contracts';
import { AuthChallengeException } from '@timesheets/api-core';
import { bearerMatches, METRICS_CONTENT_TYPE } from '@timesheets/server-core';
import { Public } from '@timesheets/api-auth';
import { API_CONFIG } from './api.tokens';
import type { ApiConfig } from './api-config';
import { ApiMetrics } from './metrics';
import { Lifecycle } from './lifecycle';

/** Liveness, readiness and metrics: the operator's view of one API instance. */
@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly metrics: ApiMetrics,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Liveness and database check (the contract's health route). */
  @Get('health')
  @Public()
  @HttpCode(200)
  health(): Promise<HealthResponse> {
    return this.checkDatabase();
  }

  /** Liveness: the process answers. Restart it when this fails. */
  @Get('health/live')
  @Public()
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: send traffic only while this answers 200 (database reachable, not shutting down). */
  @Get('health/ready')
  @Public()
  @HttpCode(200)
  async ready(): Promise<HealthResponse> {
    if (this.lifecycle.shuttingDown) throw new ServiceUnavailableException('shutting down');
    return this.checkDatabase();
  }

  /** Prometheus metrics; not public: needs `Authorization: Bearer <METRICS_KEY>`, and is off (404) without a key. */
  @Get('metrics')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', METRICS_CONTENT_TYPE)
  async metricsText(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const key = this.config.metricsKey;
    if (!key) throw new NotFoundException('Cannot GET /api/metrics');
    if (!bearerMatches(authorization, key)) {
      throw new AuthChallengeException(401, 'A metrics key is required', 'Bearer realm="timesheets-metrics"');
    }
    return this.metrics.render();
  }

  private async checkDatabase(): Promise<HealthResponse> {
    try {
      await this.db.query('SELECT 1');
      return { status: 'ok', database: 'up' };
    } catch {
      throw new ServiceUnavailableException('database is down');
    }
  }
}
