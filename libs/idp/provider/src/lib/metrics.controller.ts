import { Controller, Get, Headers, Inject, NotFoundException, Res } from '@nestjs/common';
import type { Response } from 'express';
import { bearerMatches, METRICS_CONTENT_TYPE } from '@timesheets/server-core';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';

/**
 * Prometheus metrics of this provider instance (process metrics and requests by route), as the API serves its own:
 * `Authorization: Bearer <METRICS_KEY>` (compared in constant time); off, answering 404, while METRICS_KEY is unset.
 */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(IDP_RUNTIME) private readonly rt: IdpRuntime) {}

  @Get()
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const { metrics } = this.rt;
    if (!metrics) throw new NotFoundException();
    if (!bearerMatches(authorization, this.rt.config.metricsKey)) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer realm="timesheets-idp-metrics"')
        .set('cache-control', 'no-store')
        .json({ statusCode: 401, error: 'Unauthorized', message: 'A metrics key is required' });
      return;
    }
    const text = await metrics.render();
    // setHeader, not Express's set(), which would reorder the media type's parameters.
    res.status(200).setHeader('content-type', METRICS_CONTENT_TYPE);
    res.setHeader('cache-control', 'no-store');
    res.end(text);
  }
}
