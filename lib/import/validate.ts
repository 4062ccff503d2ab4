import type { z } from 'zod';
import { parseTicketKey, rollupId } from '../model';
import { EXPORT_SCHEMA, EXPORT_VERSION, ExportV1Schema, snapshotId, type QueueLensExport } from '../export/json';

/**
 * Import validation (DESIGN.md: imports are validated whole before a single write).
 * Every file is read, parsed, checked for hostile structure and validated against the export
 * schema before anything is returned as importable; the first problem found is named with its
 * file, a JSON path and a reason a person can act on.
 */

export interface ImportFile {
  name: string;
  text: string;
  /** `File.size` in bytes when known; lets the caller refuse huge files before reading them. */
  size?: number;
}

export interface ImportProblem {
  file: string;
  /** JSONPath-like location: `$`, `$.tickets[3].key`. */
  path: string;
  reason: string;
}

export interface ValidatedFile {
  name: string;
  bytes: number;
  export: QueueLensExport;
}

/** Only `validateImport` creates these; `mergeImport` refuses anything else. */
export interface ValidatedImport {
  readonly files: readonly ValidatedFile[];
}

export type ValidateResult = { ok: true; data: ValidatedImport } | { ok: false; problem: ImportProblem };

export const IMPORT_LIMITS = {
  /** Per file. A year of one team's history is well under this. */
  maxBytes: 256 * 1024 * 1024,
  maxFiles: 20,
  /** The export is at most ~6 levels deep; anything far deeper is hostile. */
  maxDepth: 64,
};
export type ImportLimits = typeof IMPORT_LIMITS;

/** Keys that could reach an object's prototype if ever assigned; refused anywhere in a file. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const validated = new WeakSet<object>();
/** True only for the exact object a successful `validateImport` returned. */
export const isValidatedImport = (v: unknown): v is ValidatedImport => typeof v === 'object' && v !== null && validated.has(v);

class Problem extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Validates every file; returns the data only when all of them are sound. */
export function validateImport(files: readonly ImportFile[], limits: Partial<ImportLimits> = {}): ValidateResult {
  const lim = { ...IMPORT_LIMITS, ...limits };
  if (files.length === 0) return fail('', '$', 'no files to import');
  if (files.length > lim.maxFiles) return fail('', '$', `too many files (${files.length}); import at most ${lim.maxFiles} at once`);
  const out: ValidatedFile[] = [];
  for (const f of files) {
    try {
      out.push(validateFile(f, lim));
    } catch (e) {
      if (e instanceof Problem) return fail(f.name, e.path, e.reason);
      return fail(f.name, '$', `could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const data: ValidatedImport = Object.freeze({ files: Object.freeze(out) });
  validated.add(data);
  return { ok: true, data };
}

const fail = (file: string, path: string, reason: string): ValidateResult => ({ ok: false, problem: { file, path, reason } });

function validateFile(f: ImportFile, lim: ImportLimits): ValidatedFile {
  // UTF-16 length never exceeds the UTF-8 byte count for text like this, so it is a safe lower bound.
  const bytes = Math.max(f.size ?? 0, f.text.length);
  if (bytes > lim.maxBytes) {
    throw new Problem('$', `file too large (${formatBytes(bytes)}); the limit is ${formatBytes(lim.maxBytes)}`);
  }
  const text = f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text;
  const trimmed = text.trim();
  if (trimmed === '') throw new Problem('$', 'empty file');
  if (trimmed[0] !== '{') {
    throw new Problem('$', 'not a QueueLens JSON export (only .json exports can be imported, not CSV or Markdown)');
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError) throw new Problem('$', 'nested too deeply');
    const truncated = /end of JSON input|Unterminated|Unexpected end/i.test(msg) || !trimmed.endsWith('}');
    throw new Problem('$', truncated ? `truncated: the file ends before its JSON does (${msg})` : `not valid JSON: ${msg}`);
  }

  checkStructure(raw, lim.maxDepth);
  const envelope = raw as Record<string, unknown>;
  if (envelope.schema !== EXPORT_SCHEMA) {
    throw new Problem('$.schema', `not a QueueLens export (expected schema "${EXPORT_SCHEMA}")`);
  }
  if (typeof envelope.version === 'number' && envelope.version > EXPORT_VERSION) {
    throw new Problem(
      '$.version',
      `export version ${envelope.version} is newer than this QueueLens can read (${EXPORT_VERSION}); update the extension first`,
    );
  }
  if (envelope.version !== EXPORT_VERSION) {
    throw new Problem('$.version', `unsupported export version ${JSON.stringify(envelope.version)}`);
  }

  const parsed = ExportV1Schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Problem(formatPath(issue.path), describeIssue(issue));
  }
  checkConsistency(parsed.data);
  return { name: f.name, bytes, export: parsed.data };
}

/**
 * Walks the parsed tree in document order: refuses prototype-polluting keys and absurd depth.
 * `JSON.parse` makes `__proto__` an own data property (harmless by itself), but a later spread
 * or assignment elsewhere could turn it into a prototype write, so such files are refused.
 */
function checkStructure(root: unknown, maxDepth: number): void {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new Problem('$', 'not a QueueLens export (the top level must be an object)');
  }
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value !== 'object' || value === null) return;
    if (path.length > maxDepth) throw new Problem(formatPath(path), `nested deeper than ${maxDepth} levels`);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], path);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) throw new Problem(formatPath(path), `forbidden key "${key}" (prototype pollution)`);
      visit((value as Record<string, unknown>)[key], path);
      path.pop();
    }
  };
  visit(root, []);
}

/** Invariants the schema cannot express: counts, identities, uniqueness, time bounds. */
function checkConsistency(exp: QueueLensExport): void {
  const tables = ['tickets', 'transitions', 'rollups', 'snapshots', 'diagnostics'] as const;
  for (const t of tables) {
    const rows = exp[t]?.length ?? 0;
    if (exp.counts[t] !== rows) {
      throw new Problem(`$.counts.${t}`, `truncated or edited: the header counts ${exp.counts[t]} ${t}, the file holds ${rows}`);
    }
  }
  const keys = new Set<string>();
  exp.tickets.forEach((t, i) => {
    const k = parseTicketKey(t.key);
    if (k.tool !== t.tool || k.host !== t.host.toLowerCase() || k.id !== t.id) {
      throw new Problem(`$.tickets[${i}].key`, `key ${t.key} does not match tool, host and id`);
    }
    if (keys.has(t.key)) throw new Problem(`$.tickets[${i}].key`, `duplicate ticket ${t.key}`);
    if (t.firstSeenAt > t.lastSeenAt) throw new Problem(`$.tickets[${i}].firstSeenAt`, 'first seen after last seen');
    keys.add(t.key);
  });
  const ids = new Set<string>();
  exp.transitions.forEach((t, i) => {
    if (ids.has(t.id)) throw new Problem(`$.transitions[${i}].id`, `duplicate transition ${t.id}`);
    if (!(t.earliest <= t.at && t.at <= t.latest)) {
      throw new Problem(`$.transitions[${i}].at`, 'transition time outside its earliest/latest bounds');
    }
    ids.add(t.id);
  });
  const checkIds = (table: string, pairs: [id: string, expected: string][]) => {
    const seen = new Set<string>();
    pairs.forEach(([id, expected], i) => {
      if (id !== expected) throw new Problem(`$.${table}[${i}].id`, `id ${id} should be ${expected}`);
      if (seen.has(id)) throw new Problem(`$.${table}[${i}].id`, `duplicate ${table} row ${id}`);
      seen.add(id);
    });
  };
  checkIds('rollups', exp.rollups.map((r) => [r.id, rollupId(r.host, r.day)]));
  checkIds('snapshots', exp.snapshots.map((r) => [r.id, snapshotId(r.host, r.week)]));
  checkIds('diagnostics', (exp.diagnostics ?? []).map((r) => [r.id, r.id]));
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'array') return `too many rows (at most ${String(issue.maximum)})`;
  return issue.message;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}
