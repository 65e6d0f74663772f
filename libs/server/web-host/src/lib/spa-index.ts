import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT_ELEMENT = '<app-root';

/**
 * A build's `index.html`, read once, rendered per response with a fresh CSP nonce on the root element
 * (`<app-root ngCspNonce="...">`, where Angular reads it for the styles it inserts).
 */
export class SpaIndex {
  private constructor(
    private readonly head: string,
    private readonly tail: string,
  ) {}

  static async load(root: string): Promise<SpaIndex> {
    const html = await readFile(join(root, 'index.html'), 'utf8');
    const at = html.indexOf(ROOT_ELEMENT);
    if (at === -1 || html.indexOf(ROOT_ELEMENT, at + 1) !== -1) {
      throw new Error(`${join(root, 'index.html')} must contain exactly one ${ROOT_ELEMENT}> element`);
    }
    const end = at + ROOT_ELEMENT.length;
    return new SpaIndex(html.slice(0, end), html.slice(end));
  }

  /** A nonce of 128 random bits (base64), new for every response. */
  static nonce(): string {
    return randomBytes(16).toString('base64');
  }

  render(nonce: string): string {
    return `${this.head} ngCspNonce="${nonce}"${this.tail}`;
  }
}
