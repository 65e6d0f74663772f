import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { MachineScope, Scope } from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { BEARER_SCHEME, IS_PUBLIC_KEY, REQUIRED_SCOPES_KEY } from './auth.constants';
import { ScopesGuard } from './scopes.guard';

/** Opts a route out of authentication. Every other route needs a valid token (deny by default). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Declares the scopes a route needs: metadata for the guards, the scope guard itself, and the OpenAPI security
 * requirement. With no arguments the route needs only a valid token.
 */
export function RequireScopes(...scopes: (Scope | MachineScope)[]) {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES_KEY, scopes),
    UseGuards(ScopesGuard),
    ApiBearerAuth(BEARER_SCHEME),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token' }),
    ...(scopes.length > 0 ? [ApiForbiddenResponse({ description: `Requires scope: ${scopes.join(' ')}` })] : []),
  );
}

/** The validated caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<{ user?: Principal }>().user;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
