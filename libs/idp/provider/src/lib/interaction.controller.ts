import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConsentService } from './consent.service';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';
import { csrfToken, verifyCsrf } from './interaction-csrf';
import { FormTooLargeError, readForm } from './interaction-form';
import { LoginService, type LoginOutcome } from './login.service';
import type { InteractionDetails } from './oidc-types';
import { sendPage } from './page-response';
import { consentPage, loginPage, messageFor } from './pages';
import { PAGE_TEXT, pageLanguage, type PageText } from './page-text';
import { PolicyUnavailableError } from './policy-client';

/**
 * Login, consent and abort steps of oidc-provider's interactions, as server-rendered pages. Routing only: the form
 * is read by readForm, checked against the interaction's CSRF token, and handed to LoginService or ConsentService.
 */
@Controller('interaction')
export class InteractionController {
  private readonly logger = new Logger('Interaction');

  constructor(
    @Inject(IDP_RUNTIME) private readonly rt: IdpRuntime,
    private readonly logins: LoginService,
    private readonly consent: ConsentService,
  ) {}

  @Get(':uid')
  async show(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const details = await this.details(req, res, uid);
      if (!details) return;
      const clientName = await this.consent.clientName(details.params.client_id);
      const csrf = csrfToken(this.rt.csrfSecret, details.uid);
      const t = textFor(req, details);
      if (details.prompt.name === 'login') {
        return sendPage(res, loginPage({ uid: details.uid, csrf, clientName }, this.rt.formTargets, t));
      }
      if (details.prompt.name !== 'consent') {
        return sendPage(res, messageFor(400, t.messages.notSupported, t.lang));
      }
      if (this.consent.isFirstParty(details)) {
        const grantId = await this.consent.grantFirstParty(details);
        return this.finish(req, res, { consent: { grantId } }, true);
      }
      const scopes = await this.consent.items(details, t.consent.items);
      return sendPage(res, consentPage({ uid: details.uid, csrf, clientName, scopes }, this.rt.formTargets, t));
    });
  }

  @Post(':uid/login')
  async login(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      if (details.prompt.name !== 'login') {
        const t = textFor(req, details);
        return sendPage(res, messageFor(400, t.messages.alreadySignedIn, t.lang));
      }
      const outcome = await this.logins.login({
        email: form.get('email') ?? '',
        password: form.get('password') ?? '',
        address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        clientId: details.params.client_id,
      });
      if (outcome.kind === 'signed-in') {
        return this.finish(req, res, { login: { accountId: outcome.accountId } }, false);
      }
      return this.showLoginOutcome(res, details, outcome, textFor(req, details));
    });
  }

  @Post(':uid/confirm')
  async confirm(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      if (details.prompt.name !== 'consent') {
        const t = textFor(req, details);
        return sendPage(res, messageFor(400, t.messages.nothingToConfirm, t.lang));
      }
      const grantId = await this.consent.grantConfirmed(details);
      return this.finish(req, res, { consent: { grantId } }, true);
    });
  }

  @Post(':uid/abort')
  async abort(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      return this.finish(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        false,
      );
    });
  }

  private async showLoginOutcome(
    res: Response,
    details: InteractionDetails,
    outcome: Exclude<LoginOutcome, { kind: 'signed-in' }>,
    t: PageText,
  ): Promise<void> {
    switch (outcome.kind) {
      case 'throttled':
        return sendPage(res, messageFor(429, t.messages.throttled, t.lang), {
          'retry-after': String(outcome.retryAfterSeconds),
        });
      case 'busy':
        return sendPage(res, messageFor(503, t.messages.busy, t.lang), {
          'retry-after': String(outcome.retryAfterSeconds),
        });
      case 'invalid':
      case 'blocked': {
        const clientName = await this.consent.clientName(details.params.client_id);
        const csrf = csrfToken(this.rt.csrfSecret, details.uid);
        const [error, status] = outcome.kind === 'invalid' ? [t.signIn.invalid, 401] : [t.signIn.blocked, 403];
        return sendPage(
          res,
          loginPage(
            { uid: details.uid, csrf, clientName, email: outcome.email, error, status },
            this.rt.formTargets,
            t,
          ),
        );
      }
    }
  }

  private finish(req: Request, res: Response, result: Record<string, unknown>, merge: boolean): Promise<void> {
    return this.rt.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: merge });
  }

  /** Renders an error page for anything unexpected; a policy outage fails closed with 503, an oversized form 413. */
  private async guard(res: Response, step: () => Promise<void>): Promise<void> {
    const t = PAGE_TEXT[pageLanguage(undefined, res.req.headers['accept-language'])];
    try {
      await step();
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof FormTooLargeError) {
        return sendPage(res, messageFor(413, t.messages.tooLarge, t.lang));
      }
      if (err instanceof PolicyUnavailableError) {
        this.logger.error(`policy check failed: ${err.message}`);
        return sendPage(res, messageFor(503, t.messages.unavailable, t.lang));
      }
      this.logger.error(`interaction failed: ${(err as Error).message}`);
      return sendPage(res, messageFor(500, t.messages.failed, t.lang));
    }
  }

  private async details(req: Request, res: Response, uid: string): Promise<InteractionDetails | undefined> {
    let details: InteractionDetails;
    try {
      details = await this.rt.provider.interactionDetails(req, res);
    } catch {
      const t = textFor(req);
      sendPage(res, messageFor(400, t.messages.expired, t.lang));
      return undefined;
    }
    if (details.uid !== uid) {
      const t = textFor(req, details);
      sendPage(res, messageFor(400, t.messages.mismatch, t.lang));
      return undefined;
    }
    return details;
  }

  private checkCsrf(res: Response, details: InteractionDetails, form: URLSearchParams): boolean {
    if (verifyCsrf(this.rt.csrfSecret, details.uid, form.get('csrf'))) return true;
    const t = textFor(res.req, details);
    sendPage(res, messageFor(403, t.messages.badForm, t.lang));
    return false;
  }
}

/** The pages' texts in the interaction's language (its `ui_locales`), else the browser's. */
function textFor(req: Request, details?: InteractionDetails): PageText {
  return PAGE_TEXT[pageLanguage(details?.params['ui_locales'], req.headers['accept-language'])];
}
