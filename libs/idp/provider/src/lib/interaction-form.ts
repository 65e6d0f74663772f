import type { Request } from 'express';

/** The largest login or consent form accepted (an email, a password and a CSRF token are far smaller). */
const FORM_LIMIT = 16 * 1024;

/** The form was larger than FORM_LIMIT. */
export class FormTooLargeError extends Error {
  constructor() {
    super('form too large');
    this.name = 'FormTooLargeError';
  }
}

/**
 * Reads an application/x-www-form-urlencoded body; any other content type gives an empty form. Only the interaction
 * routes parse bodies (Nest's body parser is off; oidc-provider reads its own).
 */
export async function readForm(req: Request): Promise<URLSearchParams> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams();
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT) throw new FormTooLargeError();
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
