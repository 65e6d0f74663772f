import { randomBytes } from 'node:crypto';
import { PAGE_TEXT, type Message, type PageLanguage, type PageText } from './page-text';

/** A server-rendered page: status, HTML and the CSP header that must go with it. */
export interface RenderedPage {
  status: number;
  html: string;
  csp: string;
}

/** The product's name: page titles use it, and the SPA's client is registered under it. */
export const PRODUCT_NAME = 'Timesheets';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{width:100%;padding:.6rem;border:1px solid #6b7280;border-radius:4px;font:inherit}
button{margin-top:1.25rem;padding:.6rem 1.2rem;border:0;border-radius:4px;font:inherit;font-weight:600;cursor:pointer;background:#1f4fd1;color:#fff}
button.secondary{background:#e5e7eb;color:#1d2330;margin-left:.5rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1.25rem}
.actions button{margin:0}
:focus-visible{outline:3px solid #ff9800;outline-offset:2px}
.error{padding:.75rem;border-left:4px solid #b91c1c;background:#fef2f2;color:#7f1d1d}
ul{padding-left:1.2rem}
.muted{color:#4b5563;font-size:.9rem}
`;

/**
 * Wraps content in the common layout; the only style is inline with a per-response nonce, no external assets. A page
 * that must act by itself (`script`) gets it inline under the same nonce; every other page runs no script at all.
 */
export function layout(
  title: string,
  content: string,
  status = 200,
  formTargets: readonly string[] = [],
  lang: PageLanguage = 'en',
  script?: string,
): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    ...(script ? [`script-src 'nonce-${nonce}'`] : []),
    `style-src 'nonce-${nonce}'`,
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  const html = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} - ${PRODUCT_NAME}</title>
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<main>
${content}
</main>${script ? `\n<script nonce="${nonce}">${script}</script>` : ''}
</body>
</html>`;
  return { status, html, csp };
}

export interface LoginPageInput {
  uid: string;
  csrf: string;
  clientName: string;
  email?: string;
  error?: string;
  status?: number;
}

export function loginPage(
  input: LoginPageInput,
  formTargets: readonly string[] = [],
  t: PageText = PAGE_TEXT.en,
): RenderedPage {
  const error = input.error ? `<p class="error" role="alert" id="login-error">${escapeHtml(input.error)}</p>` : '';
  const describedBy = input.error ? ' aria-describedby="login-error"' : '';
  // The title names Timesheets already; the application is named only when it is another one (a third-party client).
  const via =
    input.clientName === PRODUCT_NAME
      ? ''
      : `<p class="muted">${escapeHtml(t.signIn.toContinue(input.clientName))}</p>\n`;
  // Both buttons sit in one row: Cancel belongs to its own form (no credentials sent) through the `form` attribute.
  return layout(
    t.signIn.title,
    `<h1>${escapeHtml(t.signIn.heading)}</h1>
${via}${error}
<form id="cancel-form" method="post" action="/interaction/${escapeHtml(input.uid)}/abort">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
</form>
<form method="post" action="/interaction/${escapeHtml(input.uid)}/login" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<label for="email">${escapeHtml(t.signIn.email)}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(input.email)}"${describedBy}${input.error ? ' aria-invalid="true"' : ''}>
<label for="password">${escapeHtml(t.signIn.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions">
<button type="submit">${escapeHtml(t.signIn.submit)}</button>
<button type="submit" form="cancel-form" class="secondary">${escapeHtml(t.signIn.cancel)}</button>
</div>
</form>`,
    input.status ?? 200,
    formTargets,
    t.lang,
  );
}

export interface ConsentPageInput {
  uid: string;
  csrf: string;
  clientName: string;
  scopes: { name: string; description: string }[];
}

export function consentPage(
  input: ConsentPageInput,
  formTargets: readonly string[] = [],
  t: PageText = PAGE_TEXT.en,
): RenderedPage {
  const items = input.scopes
    .map(
      (s) =>
        `<li><strong>${escapeHtml(s.description)}</strong> <span class="muted">(${escapeHtml(s.name)})</span></li>`,
    )
    .join('\n');
  return layout(
    t.consent.title,
    `<h1>${escapeHtml(t.consent.heading(input.clientName))}</h1>
<p>${escapeHtml(t.consent.intro(input.clientName))}</p>
<ul>${items || `<li>${escapeHtml(t.consent.knowWhoYouAre)}</li>`}</ul>
<form method="post" action="/interaction/${escapeHtml(input.uid)}/confirm">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<button type="submit">${escapeHtml(t.consent.allow)}</button>
</form>
<form method="post" action="/interaction/${escapeHtml(input.uid)}/abort">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<button type="submit" class="secondary">${escapeHtml(t.consent.deny)}</button>
</form>`,
    200,
    formTargets,
    t.lang,
  );
}

export function messagePage(status: number, title: string, message: string, lang: PageLanguage = 'en'): RenderedPage {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`, status, [], lang);
}

/** A message page in the page's language. */
export function messageFor(status: number, m: Message, lang: PageLanguage): RenderedPage {
  return messagePage(status, m.title, m.text, lang);
}

/** oidc-provider supplies the logout form (with its own xsrf field); the buttons submit it. */
export function logoutPage(
  providerForm: string,
  formTargets: readonly string[] = [],
  t: PageText = PAGE_TEXT.en,
): RenderedPage {
  return layout(
    t.signOut.title,
    `<h1>${escapeHtml(t.signOut.heading)}</h1>
${providerForm}
<button type="submit" form="op.logoutForm" name="logout" value="yes">${escapeHtml(t.signOut.yes)}</button>
<button type="submit" form="op.logoutForm" class="secondary">${escapeHtml(t.signOut.no)}</button>`,
    200,
    formTargets,
    t.lang,
  );
}

/**
 * The sign-out the user already asked for in the application: the provider's logout form submits itself (with
 * `logout=yes`, as "Yes, sign me out" would); without JavaScript the one button does it.
 */
export function logoutProceedPage(
  providerForm: string,
  formTargets: readonly string[] = [],
  t: PageText = PAGE_TEXT.en,
): RenderedPage {
  return layout(
    t.signOut.proceedTitle,
    `<h1>${escapeHtml(t.signOut.proceedHeading)}</h1>
${providerForm}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="sign-out">${escapeHtml(t.signOut.proceed)}</button>`,
    200,
    formTargets,
    t.lang,
    "document.getElementById('op.logoutForm').requestSubmit(document.getElementById('sign-out'));",
  );
}
