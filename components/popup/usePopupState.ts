import { browser } from 'wxt/browser';

export type PopupTab = 'mine' | 'team';
export interface PopupState {
  tab: PopupTab;
  /** A host, or `*` for all instances. */
  scope: string;
}
export const POPUP_STATE_KEY = 'popupState';

/** The last tab and scope, from storage.local; anything malformed reads as nothing remembered. */
export async function readPopupState(): Promise<Partial<PopupState>> {
  try {
    const raw = (await browser.storage.local.get(POPUP_STATE_KEY))[POPUP_STATE_KEY] as Record<string, unknown> | undefined;
    const out: Partial<PopupState> = {};
    if (raw?.tab === 'mine' || raw?.tab === 'team') out.tab = raw.tab;
    if (typeof raw?.scope === 'string' && /^(\*|[a-z0-9.-]+(:\d{1,5})?)$/.test(raw.scope)) out.scope = raw.scope;
    return out;
  } catch {
    return {};
  }
}

export function writePopupState(state: PopupState): void {
  browser.storage.local.set({ [POPUP_STATE_KEY]: state }).catch(() => undefined);
}
