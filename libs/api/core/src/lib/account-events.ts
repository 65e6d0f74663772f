import { Injectable, Logger } from '@nestjs/common';

/** A person's account linked to a token subject for the first time (their first sign-in). */
export interface FirstSignIn {
  userId: string;
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
}

type Listener = (event: FirstSignIn) => Promise<void>;

/**
 * What other features may want to know about accounts, without importing the authorization module, which tells it.
 * A listener's failure is logged and never fails the sign-in.
 */
@Injectable()
export class AccountEvents {
  private readonly log = new Logger('AccountEvents');
  private readonly listeners: Listener[] = [];

  onFirstSignIn(listener: Listener): void {
    this.listeners.push(listener);
  }

  async firstSignIn(event: FirstSignIn): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (e) {
        this.log.error(`A first-sign-in listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
