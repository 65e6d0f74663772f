import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';

@Controller('health')
export class HealthController {
  constructor(@Inject(IDP_RUNTIME) private readonly rt: IdpRuntime) {}

  @Get()
  async health(): Promise<{ status: 'ok' }> {
    try {
      await this.rt.dataSource.query('SELECT 1');
    } catch {
      throw new HttpException({ status: 'error', message: 'database unavailable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok' };
  }
}
