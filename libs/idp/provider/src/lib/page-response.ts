import type { Response } from 'express';
import type { RenderedPage } from './pages';

/** Sends a server-rendered page with its CSP and the headers every interaction page carries. */
export function sendPage(res: Response, page: RenderedPage, headers: Record<string, string> = {}): void {
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
