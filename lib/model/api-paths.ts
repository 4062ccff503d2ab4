/** Host API paths the content script may GET for the backfill (zod-free: used in content scripts). */
export const API_PATH_PREFIXES = ['/api/v2/', '/rest/api/', '/rest/agile/1.0/', '/rest/servicedeskapi/'] as const;
