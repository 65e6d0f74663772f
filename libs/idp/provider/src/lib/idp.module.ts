import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';
import { ConsentService } from './consent.service';
import { InteractionController } from './interaction.controller';
import { LoginService } from './login.service';
import { MetricsController } from './metrics.controller';

@Module({})
export class IdpModule {
  static register(runtime: IdpRuntime): DynamicModule {
    return {
      module: IdpModule,
      controllers: [InteractionController, HealthController, MetricsController],
      providers: [{ provide: IDP_RUNTIME, useValue: runtime }, LoginService, ConsentService],
    };
  }
}
