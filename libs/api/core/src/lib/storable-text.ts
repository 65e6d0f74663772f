/**
 * Text no database stores as it was sent: NUL (PostgreSQL refuses it in text, SQLite keeps it) and a UTF-16 surrogate
 * standing alone (what `\ud800` in JSON makes; UTF-8 cannot carry it, and class-validator's IsEmail throws on it).
 */
const UNSTORABLE = /[\0\p{Cs}]/u;

/** True when `text` can be stored and read back as it is, on every engine. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * Where in `value` (a parsed body, query or parameter) a string or a key holds unstorable text: its path (`email`,
 * `roles.0.name`, '' for the value itself) and what it holds, or null when there is none.
 */
export function unstorableTextAt(value: unknown, path = ''): { path: string; holds: string } | null {
  const holds = (text: string) => (text.includes('\0') ? 'a NUL character' : 'a lone surrogate');
  if (typeof value === 'string') return isStorableText(value) ? null : { path, holds: holds(value) };
  if (value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    if (!isStorableText(key))
      return { path: path ? `a property name in ${path}` : 'a property name', holds: holds(key) };
    const found = unstorableTextAt(v, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
