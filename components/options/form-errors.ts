import type { z } from 'zod';

/** Zod issues keyed by dotted path (`thresholds.warnDays`, `sla.policies.0.calendarId`) for inline errors. */
export type FieldErrors = ReadonlyMap<string, string>;

export const pathKey = (path: readonly PropertyKey[]) => path.map(String).join('.');

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out = new Map<string, string>();
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (!out.has(key)) out.set(key, humanMessage(issue));
  }
  return out;
}

/** zod's defaults speak to programmers ("Invalid input: expected number, received NaN"). */
function humanMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a number.';
  if (issue.code === 'too_small' && issue.origin === 'number') return `Must be at least ${String(issue.minimum)}.`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `Must be at most ${String(issue.maximum)}.`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Required.';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'Enter a whole number.';
  // Record keys (status names) failing `safeKey`: empty, too long or a prototype name.
  if (issue.code === 'invalid_key') return `"${String(issue.path.at(-1))}" cannot be used as a name here (empty, too long or reserved).`;
  return issue.message;
}

/** Errors under a prefix, e.g. everything in one calendar, for a section summary. */
export function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  return [...errors].filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)).map(([k, v]) => `${k}: ${v}`);
}
