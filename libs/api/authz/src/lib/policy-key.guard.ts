import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { POLICY_API_KEY_HEADER } from '@timesheets/contracts';
import { secretMatches } from '@timesheets/server-core';
import { AUTHZ_OPTIONS, type AuthzOptions } from './authz.options';

/** Checks the API key before anything else (guards run before body validation): the endpoint is off without one. */
@Injectable()
export class PolicyKeyGuard implements CanActivate {
  constructor(@Inject(AUTHZ_OPTIONS) private readonly options: AuthzOptions) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.options.policyKey === undefined) throw new NotFoundException('Not Found');
    const headers = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers;
    if (!secretMatches(headers[POLICY_API_KEY_HEADER], this.options.policyKey))
      throw new UnauthorizedException('A valid API key is required');
    return true;
  }
}
