/** Compact duration for badges and tables: 45s, 12m, 5h, 3d, 6w, 14mo. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  const minutes = abs / 60_000;
  if (minutes < 1) return `${sign}${Math.floor(abs / 1000)}s`;
  if (minutes < 60) return `${sign}${Math.floor(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 48) return `${sign}${Math.floor(hours)}h`;
  const days = hours / 24;
  if (days < 60) return `${sign}${Math.floor(days)}d`;
  if (days < 365) return `${sign}${Math.floor(days / 7)}w`;
  return `${sign}${Math.floor(days / 30.44)}mo`;
}
