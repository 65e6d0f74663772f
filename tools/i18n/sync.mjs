#!/usr/bin/env node
// The German file pipeline. Extracts the SPA's marked text (nx run web:extract-i18n → apps/web/src/locale/messages.xlf,
// XLIFF 2.0) and brings apps/web/src/locale/messages.de.xlf in line with it: units in the source's order, German
// targets kept by unit id (the id is a hash of the English text and its meaning, so a changed text is a new unit),
// units that are gone dropped, new ones added without a target and listed. The build refuses a missing German target
// (i18nMissingTranslation: error), so a new text cannot ship untranslated.
//
//   node tools/i18n/sync.mjs                      extract, merge, list what has no German yet
//   node tools/i18n/sync.mjs --no-extract         merge the messages.xlf already there
//   node tools/i18n/sync.mjs --add de.json        also fill targets from a JSON object { "<English>": "<German>" }
//   node tools/i18n/sync.mjs --check              exit 1 while a unit has no German (nothing written)
//
// In the JSON form (and in the list printed), a placeholder is {N} (an interpolation or element of the source, by
// its id) and a paired element is {N>}…{<N}; German text puts them where the sentence needs them.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const SOURCE = 'apps/web/src/locale/messages.xlf';
const TARGET = 'apps/web/src/locale/messages.de.xlf';
const args = process.argv.slice(2);
const check = args.includes('--check');
const addAt = args.indexOf('--add');
const additions = addAt === -1 ? {} : JSON.parse(readFileSync(args[addAt + 1], 'utf8'));

if (!args.includes('--no-extract')) {
  const r = spawnSync('npx', ['nx', 'run', 'web:extract-i18n', '--outputStyle=static', '--skip-nx-cache'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Units of an XLIFF 2.0 file: id → { xml (the whole unit), source, target } (inner XML). */
function units(xml) {
  const out = new Map();
  for (const m of xml.matchAll(/<unit id="([^"]+)">([\s\S]*?)<\/unit>/g)) {
    const body = m[2];
    out.set(m[1], {
      body,
      source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '',
      target: /<target>([\s\S]*?)<\/target>/.exec(body)?.[1],
    });
  }
  return out;
}

const unescape = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The source as a person reads it: placeholders as {N}, paired elements as {N>}…{<N}. */
function plain(sourceXml) {
  const stack = [];
  return unescape(
    sourceXml.replace(/<ph id="(\d+)"[^>]*\/>/g, '{$1}').replace(/<pc id="(\d+)"[^>]*>|<\/pc>/g, (tag, id) => {
      if (id !== undefined) {
        stack.push(id);
        return `{${id}>}`;
      }
      return `{<${stack.pop()}}`;
    }),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** German plain text back to XLIFF, with the source's own placeholder elements. */
function toXml(german, sourceXml) {
  const ph = new Map([...sourceXml.matchAll(/<ph id="(\d+)"[^>]*\/>/g)].map((m) => [m[1], m[0]]));
  const pc = new Map([...sourceXml.matchAll(/<pc id="(\d+)"[^>]*>/g)].map((m) => [m[1], m[0]]));
  return german
    .split(/(\{\d+\}|\{\d+>\}|\{<\d+\})/)
    .map((part) => {
      let m;
      if ((m = /^\{(\d+)\}$/.exec(part))) return ph.get(m[1]) ?? part;
      if ((m = /^\{(\d+)>\}$/.exec(part))) return pc.get(m[1]) ?? part;
      if (/^\{<\d+\}$/.test(part)) return '</pc>';
      return escape(part);
    })
    .join('');
}

const source = units(readFileSync(SOURCE, 'utf8'));
const german = existsSync(TARGET) ? units(readFileSync(TARGET, 'utf8')) : new Map();
const byText = new Map(Object.entries(additions));
const missing = [];
let out = '';
for (const [id, u] of source) {
  let target = german.get(id)?.target;
  const text = plain(u.source);
  if (target === undefined && byText.has(text)) target = toXml(byText.get(text), u.source);
  if (target === undefined) missing.push(`${id}\t${text}`);
  const segment =
    target === undefined
      ? `<source>${u.source}</source>`
      : `<source>${u.source}</source>\n        <target>${target}</target>`;
  // Meaning and description help the translator; locations only churn (kept in messages.xlf).
  const kept = [...u.body.matchAll(/<note category="(?:meaning|description)">[\s\S]*?<\/note>/g)].map((m) => m[0]);
  const notes = kept.length ? `<notes>\n        ${kept.join('\n        ')}\n      </notes>` : undefined;
  out += `    <unit id="${id}">\n${notes ? `      ${notes.trim()}\n` : ''}      <segment${target === undefined ? '' : ' state="translated"'}>\n        ${segment}\n      </segment>\n    </unit>\n`;
}
const dropped = [...german.keys()].filter((id) => !source.has(id)).length;

if (!check) {
  writeFileSync(
    TARGET,
    `<?xml version="1.0" encoding="UTF-8" ?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="de">\n  <file id="ngi18n" original="ng.template">\n${out}  </file>\n</xliff>\n`,
  );
}
console.log(
  `${source.size} units, ${source.size - missing.length} in German, ${dropped} dropped, ${missing.length} without German`,
);
for (const m of missing) console.log(`  ${m}`);
if (check && missing.length > 0) process.exit(1);
