/**
 * A minimal browser for driving the provider's pages: a cookie jar (by name; one host) and manual redirects, so a
 * test can stop at the relying party's redirect URI and read the code or fragment.
 */
export interface Page {
  status: number;
  url: string;
  html: string;
  headers: Headers;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  /** `headers` go with every request (e.g. the X-Forwarded-For a proxy in front would add). */
  constructor(private readonly headers: Record<string, string> = {}) {}

  /** Follows redirects until a page is returned or the location starts with `stopAt`; returns that page or URL. */
  async navigate(url: string, init: { method?: string; form?: Record<string, string> } = {}, stopAt?: string) {
    let current = url;
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; hops < 20; hops++) {
      if (stopAt && current.startsWith(stopAt)) return { redirectedTo: current } as const;
      const res = await fetch(current, {
        method,
        redirect: 'manual',
        headers: {
          ...this.headers,
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        },
        body,
      });
      this.store(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).toString();
        method = 'GET';
        body = undefined;
        continue;
      }
      const page: Page = { status: res.status, url: current, html: await res.text(), headers: res.headers };
      return { page } as const;
    }
    throw new Error('too many redirects');
  }

  async page(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const result = await this.navigate(url, init);
    if (!('page' in result) || !result.page) throw new Error(`expected a page from ${url}`);
    return result.page;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.trim().split('=');
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return new Date(v).getTime() < Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The hidden CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no csrf token in page: ${html.slice(0, 300)}`);
  return m[1];
}

export function formAction(html: string, suffix: string): string {
  const m = new RegExp(`action="([^"]*${suffix})"`).exec(html);
  if (!m) throw new Error(`no form ending in ${suffix}`);
  return m[1].replace(/&amp;/g, '&');
}
