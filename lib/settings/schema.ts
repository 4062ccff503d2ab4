import { z } from 'zod';

/** User settings, stored in `browser.storage.local` under `settings`. Versioned for migration. */
export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  thresholds: z
    .object({ warnDays: z.number().min(0).max(3650).default(3), alertDays: z.number().min(0).max(3650).default(7) })
    .default({ warnDays: 3, alertDays: 7 }),
  stalledDays: z.number().min(1).max(365).default(5),
  backfill: z
    .object({ enabled: z.boolean().default(true), requestsPerMinute: z.number().int().min(1).max(600).default(60) })
    .default({ enabled: true, requestsPerMinute: 60 }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Parses stored settings; anything unreadable falls back to defaults field by field. */
export function readSettings(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}
