import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Adapter } from '../adapter/types';
import { ContentRunner } from './runner';
import { PanelHost } from './panel-host';

/** Shared by every tool's content script: wires an adapter to the page and the background. */
export function startAdapter(ctx: ContentScriptContext, adapter: Adapter): ContentRunner {
  const panel = new PanelHost();
  const runner = new ContentRunner({
    adapter,
    send: (message) => browser.runtime.sendMessage(message),
    onTicketPage: (key) => (key ? panel.show(key) : panel.hide()),
  });
  runner.start();
  ctx.addEventListener(window, 'wxt:locationchange', () => runner.navigated());
  ctx.onInvalidated(() => {
    runner.stop();
    panel.hide();
  });
  return runner;
}
