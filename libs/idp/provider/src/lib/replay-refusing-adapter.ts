import { Logger } from '@nestjs/common';
import { AlreadyConsumedError, type OidcAdapterClass } from '@timesheets/idp-data-access';
import type { OidcErrorClass } from './oidc-types';

const logger = new Logger('OidcProvider');

/** What oidc-provider itself says when it sees a consumed code or refresh token (the same wording). */
const REPLAY_DESCRIPTIONS: Record<string, string> = {
  RefreshToken: 'refresh token already used',
  AuthorizationCode: 'authorization code already consumed',
};

/**
 * The storage adapter as oidc-provider should see it: a consume that lost a race (AlreadyConsumedError: the code or
 * refresh token was consumed by a parallel request, here or at another instance) is a replay, handled as oidc-provider
 * handles a replay it sees itself (RFC 9700 §4.14.2, RFC 6749 §4.1.2): the whole grant is revoked and the request
 * fails with invalid_grant. oidc-provider ignores what `consume` returns, so throwing is the only way to stop the
 * request before it issues tokens.
 */
export function replayRefusingAdapter(Base: OidcAdapterClass, InvalidGrant: OidcErrorClass): OidcAdapterClass {
  return class ReplayRefusingAdapter extends Base {
    constructor(private readonly modelName: string) {
      super(modelName);
    }

    override async consume(id: string): Promise<void> {
      try {
        await super.consume(id);
      } catch (err) {
        if (!(err instanceof AlreadyConsumedError)) throw err;
        if (err.grantId) await this.revokeByGrantId(err.grantId);
        logger.warn(`${this.modelName} consumed twice in parallel: grant ${err.grantId ?? '(gone)'} revoked`);
        throw new InvalidGrant(REPLAY_DESCRIPTIONS[this.modelName] ?? `${this.modelName} already consumed`);
      }
    }
  };
}
