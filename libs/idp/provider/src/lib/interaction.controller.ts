import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConsentService } from './consent.service';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';
import { csrfToken, verifyCsrf } from './interaction-csrf';
import { FormTooLargeError, readForm } from './interaction-form';
import { LoginService, type LoginOutcome } from './login.service';
import type { InteractionDetails } from './oidc-types';
import { sendPage } from './page-response';
import { consentPage, loginPage, messagePage } from './pages';
import { PolicyUnavailableError } from './policy-client';

const INVALID_CREDENTIALS = 'Incorrect email or password.';
const BLOCKED = 'This account cannot sign in. Please contact your administrator.';

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
      if (details.prompt.name === 'login') {
        return sendPage(res, loginPage({ uid: details.uid, csrf, clientName }, this.rt.formTargets));
      }
      if (details.prompt.name !== 'consent') {
        return sendPage(res, messagePage(400, 'Cannot continue', 'This sign-in step is not supported.'));
      }
      if (this.consent.isFirstParty(details)) {
        const grantId = await this.consent.grantFirstParty(details);
        return this.finish(req, res, { consent: { grantId } }, true);
      }
      const scopes = await this.consent.items(details);
      return sendPage(res, consentPage({ uid: details.uid, csrf, clientName, scopes }, this.rt.formTargets));
    });
  }

  @Post(':uid/login')
  async login(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      if (details.prompt.name !== 'login') {
        return sendPage(res, messagePage(400, 'Cannot continue', 'You are already signed in for this request.'));
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
      return this.showLoginOutcome(res, details, outcome);
    });
  }

  @Post(':uid/confirm')
  async confirm(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      if (details.prompt.name !== 'consent') {
        return sendPage(res, messagePage(400, 'Cannot continue', 'There is nothing to confirm for this request.'));
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
  ): Promise<void> {
    switch (outcome.kind) {
      case 'throttled':
        return sendPage(
          res,
          messagePage(429, 'Too many attempts', 'Too many failed sign-in attempts. Please try again later.'),
          { 'retry-after': String(outcome.retryAfterSeconds) },
        );
      case 'busy':
        return sendPage(
          res,
          messagePage(503, 'Sign-in is busy', 'Too many people are signing in right now. Please try again shortly.'),
          { 'retry-after': String(outcome.retryAfterSeconds) },
        );
      case 'invalid':
      case 'blocked': {
        const clientName = await this.consent.clientName(details.params.client_id);
        const csrf = csrfToken(this.rt.csrfSecret, details.uid);
        const [error, status] = outcome.kind === 'invalid' ? [INVALID_CREDENTIALS, 401] : [BLOCKED, 403];
        return sendPage(
          res,
          loginPage({ uid: details.uid, csrf, clientName, email: outcome.email, error, status }, this.rt.formTargets),
        );
      }
    }
  }

  private finish(req: Request, res: Response, result: Record<string, unknown>, merge: boolean): Promise<void> {
    return this.rt.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: merge });
  }

  /** Renders an error page for anything unexpected; a policy outage fails closed with 503, an oversized form 413. */
  private async guard(res: Response, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof FormTooLargeError) {
        return sendPage(res, messagePage(413, 'Request refused', 'The form was too large. Please start again.'));
      }
      if (err instanceof PolicyUnavailableError) {
        this.logger.error(`policy check failed: ${err.message}`);
        return sendPage(
          res,
          messagePage(
            503,
            'Sign-in unavailable',
            'Sign-in is unavailable right now. Nothing was issued; please try again later.',
          ),
        );
      }
      this.logger.error(`interaction failed: ${(err as Error).message}`);
      return sendPage(
        res,
        messagePage(500, 'Something went wrong', 'Please go back to the application and try again.'),
      );
    }
  }

  private async details(req: Request, res: Response, uid: string): Promise<InteractionDetails | undefined> {
    let details: InteractionDetails;
    try {
      details = await this.rt.provider.interactionDetails(req, res);
    } catch {
      sendPage(
        res,
        messagePage(
          400,
          'Sign-in expired',
          'This sign-in request has expired. Go back to the application and start again.',
        ),
      );
      return undefined;
    }
    if (details.uid !== uid) {
      sendPage(res, messagePage(400, 'Sign-in expired', 'This sign-in request does not match. Please start again.'));
      return undefined;
    }
    return details;
  }

  private checkCsrf(res: Response, details: InteractionDetails, form: URLSearchParams): boolean {
    if (verifyCsrf(this.rt.csrfSecret, details.uid, form.get('csrf'))) return true;
    sendPage(res, messagePage(403, 'Request refused', 'The form was not valid for this sign-in. Please start again.'));
    return false;
  }
}
