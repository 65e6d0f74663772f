import { consentPage, escapeHtml, loginPage, logoutPage, logoutProceedPage } from './pages';

describe('pages', () => {
  it('escapes everything it echoes', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    const page = loginPage({ uid: 'u1', csrf: 't', clientName: '<script>', email: '"><b>' });
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&quot;&gt;&lt;b&gt;');
  });

  it('is accessible and self-contained', () => {
    const { html, csp } = loginPage({ uid: 'u1', csrf: 't', clientName: 'Timesheets', error: 'Bad' });
    expect(html).toContain('<html lang="en">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<label for="email">');
    expect(html).toContain('<label for="password">');
    expect(html).toContain('role="alert"');
    expect(html).toContain(':focus-visible');
    expect(html).not.toMatch(/<link|<script|src=/);
    const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect(csp).toContain("default-src 'none'");
  });

  it('does not repeat the title in the subtitle for Timesheets itself, and names a third-party application', () => {
    const own = loginPage({ uid: 'u1', csrf: 't', clientName: 'Timesheets' }).html;
    expect(own).toContain('<h1>Sign in to Timesheets</h1>');
    expect(own).not.toContain('to continue to');
    const other = loginPage({ uid: 'u1', csrf: 't', clientName: 'Reports' }).html;
    expect(other).toContain('to continue to Reports');
  });

  it('puts Sign in and Cancel in one row; Cancel posts only the CSRF token to abort', () => {
    const { html } = loginPage({ uid: 'u1', csrf: 't', clientName: 'Timesheets' });
    expect(html).toMatch(
      /<div class="actions">\n<button type="submit">Sign in<\/button>\n<button type="submit" form="cancel-form" class="secondary">Cancel<\/button>\n<\/div>/,
    );
    const cancelForm = /<form id="cancel-form"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    expect(cancelForm?.[0]).toContain('action="/interaction/u1/abort"');
    expect(cancelForm?.[1].trim()).toBe('<input type="hidden" name="csrf" value="t">');
  });

  it('runs no script on the sign-out question, and exactly its own nonce script on the page that proceeds', () => {
    const form =
      '<form id="op.logoutForm" method="post" action="/session/end/confirm"><input type="hidden" name="xsrf" value="x"/></form>';
    const ask = logoutPage(form);
    expect(ask.html).toContain('Sign out of Timesheets?');
    expect(ask.html).not.toContain('<script');
    expect(ask.csp).not.toContain('script-src');
    const go = logoutProceedPage(form);
    expect(go.html).not.toContain('Sign out of Timesheets?');
    const nonce = /<script nonce="([^"]+)">/.exec(go.html)?.[1];
    expect(go.csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(go.html).toContain('name="logout" value="yes" id="sign-out"');
  });

  it('lists scope descriptions on the consent page', () => {
    const { html } = consentPage({
      uid: 'u',
      csrf: 't',
      clientName: 'Reports',
      scopes: [{ name: 'read:timesheets', description: 'Read your timesheet entries' }],
    });
    expect(html).toContain('Read your timesheet entries');
  });
});
