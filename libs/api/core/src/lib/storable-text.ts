/**
 * Text no database stores as it was sent: NUL (PostgreSQL refuses it in text, SQLite keeps it) and a UTF-16 surrogate
 * standing alone (what `\ud800` in JSON makes; UTF-8 cannot carry it, and class-validator's IsEmail throws on it).
 */
const UNSTORABLE = /[\0\p{Cs}]/u;

/** True when `text` can be stored and read back as it is, on every engine. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Where unstorable text was found: the field's path and what it holds. */
export interface UnstorableText {
  /**
   * The path of the field as the API's field errors name it (`email`, `entries[3].notes`, '' for the value itself);
   * for a property name, the path of the object holding it.
   */
  path: string;
  /** True when a property name (not a value) holds it. */
  inPropertyName: boolean;
  /** What it holds: `a NUL character` or `a lone surrogate`. */
  holds: string;
}

/** Where in `value` (a parsed body, query or parameter) a string or a property name holds unstorable text, or null. */
export function unstorableTextAt(value: unknown, path = ''): UnstorableText | null {
  const holds = (text: string) => (text.includes('\0') ? 'a NUL character' : 'a lone surrogate');
  if (typeof value === 'string')
    return isStorableText(value) ? null : { path, inPropertyName: false, holds: holds(value) };
  if (value === null || typeof value !== 'object') return null;
  const list = Array.isArray(value);
  for (const [key, v] of Object.entries(value)) {
    if (!isStorableText(key)) return { path, inPropertyName: true, holds: holds(key) };
    const found = unstorableTextAt(v, list ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The sentence of a field error about unstorable text, naming the field in words (`field`: its path, as in
 * `entries[3].projectId`; the sentence names `Project id`, the field error's path says the row).
 */
export function unstorableTextMessage(found: Pick<UnstorableText, 'inPropertyName' | 'holds'>, field: string): string {
  if (found.inPropertyName) return `Property names must not contain ${found.holds}.`;
  const name = (/([^.[\]]+)(?:\[\d+\])*$/.exec(field)?.[1] ?? field).replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} must not contain ${found.holds}.`;
}
