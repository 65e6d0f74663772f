// Uploads a CSV of timesheet entries as a machine client (see README "Machine clients and imports"):
//
//   IMPORT_CLIENT_ID=mc_... IMPORT_CLIENT_SECRET=mcs_... npm run import -- --file week.csv [--key <idempotency key>]
//
// Gets an access token with the client-credentials grant (openid-client 6, HTTP Basic), reads the CSV with csv-parse
// (header email,date,project,hours[,notes]) and sends POST /api/imports/timesheets with an Idempotency-Key (by default
// a hash of the file, so running it again for the same file imports nothing twice), then prints a line per row.
// Exit status: 0 imported, 1 refused (nothing imported), 2 bad usage, configuration or file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import * as oidc from 'openid-client';

const USAGE = 'usage: npm run import -- --file <week.csv> [--key <idempotency key>]';
const COLUMNS = ['email', 'date', 'project', 'hours', 'notes'];
const REQUIRED = ['email', 'date', 'project', 'hours'];
const MAX_ROWS = 1000;

class UsageError extends Error {}

/** The variables, checked all at once (like the servers' EnvReader). */
export function readConfig(env) {
  const problems = [];
  const url = (name, fallback) => {
    const value = env[name] ?? fallback;
    try {
      const u = new URL(value);
      if (
        u.protocol !== 'https:' &&
        !(u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname))
      )
        problems.push(`${name} must be an https URL (http only for localhost), got "${value}"`);
      return u;
    } catch {
      problems.push(`${name} must be a URL, got "${value}"`);
      return null;
    }
  };
  const config = {
    issuer: url('IMPORT_ISSUER', 'http://localhost:3334'),
    apiUrl: url('IMPORT_API_URL', 'http://localhost:3333/api'),
    clientId: env.IMPORT_CLIENT_ID,
    clientSecret: env.IMPORT_CLIENT_SECRET,
    audience: env.IMPORT_AUDIENCE,
  };
  if (!/^mc_[A-Za-z0-9_-]{22}$/.test(config.clientId ?? ''))
    problems.push('IMPORT_CLIENT_ID must be the client id shown in the admin area (mc_...)');
  if (!config.clientSecret) problems.push('IMPORT_CLIENT_SECRET is required (the secret shown once in the admin area)');
  if (problems.length) throw new UsageError(problems.join('\n'));
  return config;
}

/**
 * The rows of the CSV as the API takes them, or UsageError naming the line: a header with email, date, project and
 * hours (notes optional, any order, case-insensitive), quoted fields as RFC 4180, an empty line skipped.
 */
export function readCsv(text) {
  let records;
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true });
  } catch (e) {
    throw new UsageError(`malformed CSV: ${e.message}`);
  }
  if (records.length === 0) throw new UsageError('the CSV is empty');
  const header = records[0].map((h) => h.toLowerCase());
  const unknown = header.filter((h) => !COLUMNS.includes(h));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (unknown.length || missing.length || new Set(header).size !== header.length)
    throw new UsageError(
      `the header must name the columns ${REQUIRED.join(', ')} (and optionally notes), each once` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  const rows = records.slice(1);
  if (rows.length === 0) throw new UsageError('the CSV has a header but no rows');
  if (rows.length > MAX_ROWS) throw new UsageError(`the CSV has ${rows.length} rows; at most ${MAX_ROWS} per upload`);
  const col = (r, name) => r[header.indexOf(name)];
  return rows.map((r, i) => {
    const hours = col(r, 'hours');
    if (!/^\d+(\.\d{1,2})?$/.test(hours ?? ''))
      throw new UsageError(`row ${i + 1} (line ${i + 2}): hours must be a number such as 7.5, got "${hours}"`);
    const notes = header.includes('notes') ? col(r, 'notes') : '';
    return {
      email: col(r, 'email'),
      date: col(r, 'date'),
      projectCode: col(r, 'project'),
      hours: Number(hours),
      ...(notes ? { notes } : {}),
    };
  });
}

/** One line per row: what was imported, or what the API said about it. */
export function report(entries, status, body) {
  if (status === 201) {
    return [
      ...body.entries.map(
        (e) =>
          `row ${e.row + 1}: imported ${e.email} ${e.date} ${e.projectCode} ${e.hours} h (${body.status}, ${e.id})`,
      ),
      `${body.imported} of ${entries.length} rows imported as ${body.status} (import ${body.importId})`,
    ];
  }
  const byRow = new Map();
  for (const e of body?.errors ?? []) {
    const m = /^entries\[(\d+)\]\.?(.*)$/.exec(e.field);
    if (!m) continue;
    const list = byRow.get(Number(m[1])) ?? [];
    list.push(`${m[2] === 'projectCode' ? 'project' : m[2]}: ${e.message}`);
    byRow.set(Number(m[1]), list);
  }
  const lines = entries.map((r, i) =>
    byRow.has(i) ? `row ${i + 1}: REFUSED ${byRow.get(i).join('; ')}` : `row ${i + 1}: ok ${r.email} ${r.date}`,
  );
  const messages = Array.isArray(body?.message) ? body.message : [body?.message ?? `HTTP ${status}`];
  if (byRow.size === 0) lines.push(...messages.map((m) => `refused: ${m}`));
  lines.push(`nothing imported (HTTP ${status}): fix the rows above and run it again`);
  return lines;
}

export async function run(argv, env, out = console.log) {
  let args;
  try {
    args = parseArgs({ args: argv, options: { file: { type: 'string' }, key: { type: 'string' } }, strict: true });
  } catch (e) {
    throw new UsageError(`${e.message}\n${USAGE}`);
  }
  if (!args.values.file) throw new UsageError(USAGE);
  const config = readConfig(env);
  let text;
  try {
    text = readFileSync(args.values.file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${args.values.file}: ${e.code ?? e.message}`);
  }
  const entries = readCsv(text);
  const key = args.values.key ?? `csv-${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;

  const insecure = config.issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
  const server = await oidc.discovery(
    config.issuer,
    config.clientId,
    undefined,
    oidc.ClientSecretBasic(config.clientSecret),
    insecure,
  );
  const tokens = await oidc.clientCredentialsGrant(server, {
    scope: 'import:timesheets',
    ...(config.audience ? { resource: config.audience } : {}),
  });
  const res = await fetch(new URL(`${config.apiUrl.pathname.replace(/\/$/, '')}/imports/timesheets`, config.apiUrl), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens.access_token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({ entries }),
  });
  const body = await res.json().catch(() => null);
  for (const line of report(entries, res.status, body)) out(line);
  return res.status === 201 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof UsageError) {
        console.error(e.message);
        process.exit(2);
      }
      // openid-client's errors: the provider's answer (invalid_client, invalid_scope) without a stack.
      console.error(`import failed: ${e.error ? `${e.error}: ${e.error_description ?? ''}` : e.message}`);
      process.exit(1);
    },
  );
}
