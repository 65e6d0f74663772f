import { consentPage, escapeHtml, loginPage } from './pages';

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
