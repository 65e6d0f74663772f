import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ALL_SCOPES, SCOPE_DESCRIPTIONS, type Scope } from '@timesheets/contracts';
import { normalizeEmail } from '@timesheets/idp-data-access';
import { isFirstParty } from './create-oidc-provider';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';
import type { InteractionDetails } from './oidc-types';
import { consentPage, csrfToken, loginPage, messagePage, verifyCsrf, type RenderedPage } from './pages';
import { grantableApiScopes } from './scopes';
import { PolicyUnavailableError } from './policy-client';

const INVALID_CREDENTIALS = 'Incorrect email or password.';
const BLOCKED = 'This account cannot sign in. Please contact your administrator.';
const FORM_LIMIT = 16 * 1024;

function render(res: Response, page: RenderedPage, headers: Record<string, string> = {}): void {
  res.status(page.status);
  res.set({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.csp,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.send(page.html);
}

/** Reads an application/x-www-form-urlencoded body (only these routes parse bodies; oidc-provider reads its own). */
async function readForm(req: Request): Promise<URLSearchParams> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams();
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Login, consent and abort steps of oidc-provider's interactions, as server-rendered pages. */
@Controller('interaction')
export class InteractionController {
  private readonly logger = new Logger('Interaction');

  constructor(@Inject(IDP_RUNTIME) private readonly rt: IdpRuntime) {}

  @Get(':uid')
  async show(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const details = await this.details(req, res, uid);
      if (!details) return;
      const clientName = await this.clientName(details.params.client_id);
      const csrf = csrfToken(this.rt.csrfSecret, details.uid);
      if (details.prompt.name === 'login') {
        return render(res, loginPage({ uid: details.uid, csrf, clientName }, this.rt.formTargets));
      }
      if (details.prompt.name !== 'consent') {
        return render(res, messagePage(400, 'Cannot continue', 'This sign-in step is not supported.'));
      }
      if (isFirstParty(this.rt.config, details.params.client_id)) {
        const grantId = await this.saveGrant(details, null);
        return this.rt.provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
      }
      const permissions = await this.permissions(details);
      const scopes = this.requestedApiScopes(details);
      return render(
        res,
        consentPage(
          {
            uid: details.uid,
            csrf,
            clientName,
            scopes: grantableApiScopes(scopes, permissions).map((name) => ({
              name,
              description: SCOPE_DESCRIPTIONS[name as Scope],
            })),
          },
          this.rt.formTargets,
        ),
      );
    });
  }

  @Post(':uid/login')
  async login(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      if (details.prompt.name !== 'login') {
        return render(res, messagePage(400, 'Cannot continue', 'You are already signed in for this request.'));
      }
      const email = normalizeEmail(form.get('email') ?? '').slice(0, 320);
      const password = (form.get('password') ?? '').slice(0, 1024);
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const csrf = csrfToken(this.rt.csrfSecret, details.uid);
      const clientName = await this.clientName(details.params.client_id);

      const { accountThrottle, addressThrottle } = this.rt;
      const retryAfter = Math.max(await accountThrottle.retryAfter(email), await addressThrottle.retryAfter(ip));
      if (retryAfter > 0) {
        return render(
          res,
          messagePage(429, 'Too many attempts', 'Too many failed sign-in attempts. Please try again later.'),
          { 'retry-after': String(retryAfter) },
        );
      }

      const result = await this.rt.accounts.authenticate(email, password);
      if (result.status === 'invalid') {
        await Promise.all([accountThrottle.recordFailure(email), addressThrottle.recordFailure(ip)]);
        return render(
          res,
          loginPage(
            { uid: details.uid, csrf, clientName, email, error: INVALID_CREDENTIALS, status: 401 },
            this.rt.formTargets,
          ),
        );
      }
      if (result.status === 'blocked') {
        return render(
          res,
          loginPage({ uid: details.uid, csrf, clientName, email, error: BLOCKED, status: 403 }, this.rt.formTargets),
        );
      }

      const { account } = result;
      const answer = await this.rt.policy.evaluate({
        subject: account.id,
        issuer: this.rt.config.issuer,
        email: account.email,
        name: account.name,
        clientId: details.params.client_id,
      });
      if (answer.blocked) {
        return render(
          res,
          loginPage({ uid: details.uid, csrf, clientName, email, error: BLOCKED, status: 403 }, this.rt.formTargets),
        );
      }
      await accountThrottle.reset(email);
      return this.rt.provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.id } },
        { mergeWithLastSubmission: false },
      );
    });
  }

  @Post(':uid/confirm')
  async confirm(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      if (details.prompt.name !== 'consent') {
        return render(res, messagePage(400, 'Cannot continue', 'There is nothing to confirm for this request.'));
      }
      const grantId = await this.saveGrant(details, await this.permissions(details));
      return this.rt.provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    });
  }

  @Post(':uid/abort')
  async abort(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.guard(res, async () => {
      const form = await readForm(req);
      const details = await this.details(req, res, uid);
      if (!details || !this.checkCsrf(res, details, form)) return;
      return this.rt.provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
    });
  }

  /** Renders an error page for anything unexpected; a policy outage fails closed with 503. */
  private async guard(res: Response, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof PolicyUnavailableError) {
        this.logger.error(`policy check failed: ${err.message}`);
        return render(
          res,
          messagePage(
            503,
            'Sign-in unavailable',
            'Sign-in is unavailable right now. Nothing was issued; please try again later.',
          ),
        );
      }
      this.logger.error(`interaction failed: ${(err as Error).message}`);
      return render(res, messagePage(500, 'Something went wrong', 'Please go back to the application and try again.'));
    }
  }

  private async details(req: Request, res: Response, uid: string): Promise<InteractionDetails | undefined> {
    let details: InteractionDetails;
    try {
      details = await this.rt.provider.interactionDetails(req, res);
    } catch {
      render(
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
      render(res, messagePage(400, 'Sign-in expired', 'This sign-in request does not match. Please start again.'));
      return undefined;
    }
    return details;
  }

  private checkCsrf(res: Response, details: InteractionDetails, form: URLSearchParams): boolean {
    if (verifyCsrf(this.rt.csrfSecret, details.uid, form.get('csrf'))) return true;
    render(res, messagePage(403, 'Request refused', 'The form was not valid for this sign-in. Please start again.'));
    return false;
  }

  private async clientName(clientId: string): Promise<string> {
    const client = await this.rt.provider.Client.find(clientId);
    return client?.clientName ?? clientId;
  }

  private requestedApiScopes(details: InteractionDetails): string[] {
    const missing = details.prompt.details.missingResourceScopes ?? {};
    return Object.values(missing).flat();
  }

  private async permissions(details: InteractionDetails): Promise<string[]> {
    const account = details.session ? await this.rt.accounts.findById(details.session.accountId) : null;
    if (!account) throw new Error('interaction without a signed-in account');
    const answer = await this.rt.policy.evaluate({
      subject: account.id,
      issuer: this.rt.config.issuer,
      email: account.email,
      name: account.name,
      clientId: details.params.client_id,
    });
    return answer.blocked ? [] : answer.permissions;
  }

  /**
   * Records what the client may ask for. First party (permissions null): every requested API scope; the user's
   * permissions are applied at each token issuance. Third party: only what the consent page showed.
   */
  private async saveGrant(details: InteractionDetails, permissions: string[] | null): Promise<string> {
    const { Grant } = this.rt.provider;
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error('interaction without a signed-in account');
    const grant =
      (details.grantId ? await Grant.find(details.grantId) : undefined) ??
      new Grant({ accountId, clientId: details.params.client_id });
    const d = details.prompt.details;
    if (d.missingOIDCScope?.length) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims?.length) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(d.missingResourceScopes ?? {})) {
      const known = grantableApiScopes(scopes, ALL_SCOPES);
      const allowed = permissions === null ? known : grantableApiScopes(known, permissions);
      const rejected = scopes.filter((s) => !allowed.includes(s));
      if (allowed.length) grant.addResourceScope(resource, allowed.join(' '));
      if (rejected.length) grant.rejectResourceScope(resource, rejected.join(' '));
    }
    return grant.save();
  }
}
