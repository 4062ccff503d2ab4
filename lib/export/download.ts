import { browser } from 'wxt/browser';
import { MIME_TYPES, type ExportExtension } from './filename';

/** The subset of `browser.downloads` used; injectable for tests. */
export interface DownloadsApi {
  download(options: { url: string; filename: string; saveAs?: boolean }): Promise<number>;
}

/** Object URLs must outlive the download's start; the browser reads them asynchronously. */
const REVOKE_AFTER_MS = 60_000;

function defaultDownloads(): DownloadsApi | undefined {
  try {
    return (browser as unknown as { downloads?: DownloadsApi }).downloads;
  } catch {
    return undefined;
  }
}

/**
 * Saves text as a file from an extension page: `browser.downloads` when the API is there
 * (it shows the Save dialog and survives the page closing), else an `<a download>` click.
 * A rejection from `downloads.download` (e.g. the user cancelled the dialog) is passed on, not
 * retried through the anchor, which would save the file the user just declined.
 */
export async function downloadText(
  fileName: string,
  text: string,
  ext: ExportExtension,
  /** `null` forces the anchor fallback. */
  downloads: DownloadsApi | null = defaultDownloads() ?? null,
): Promise<void> {
  const url = URL.createObjectURL(new Blob([text], { type: MIME_TYPES[ext] }));
  try {
    if (downloads?.download) {
      await downloads.download({ url, filename: fileName, saveAs: true });
    } else {
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.rel = 'noopener';
      a.style.display = 'none';
      document.body.append(a);
      a.click();
      a.remove();
    }
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
