import { browser } from 'wxt/browser';

/** Host of the active tab when it is a host tool's page; undefined otherwise. */
export async function activeTabHost(): Promise<string | undefined> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const host = tab?.url ? new URL(tab.url).hostname : undefined;
    return host && /\.(zendesk\.com|atlassian\.net)$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}
