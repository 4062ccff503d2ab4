import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Adapter } from '../adapter/types';
import { ContentRunner } from './runner';
import { PanelHost } from './panel-host';
import { answerApiGet } from './api-proxy';
import { contextPathOf } from '../jira/detect';
import { observeNearViewport } from './near-viewport';

/** Shared by every tool's content script: wires an adapter to the page and the background. */
export function startAdapter(ctx: ContentScriptContext, adapter: Adapter): ContentRunner {
  const panel = new PanelHost();
  const runner = new ContentRunner({
    adapter,
    send: (message) => browser.runtime.sendMessage(message),
    onTicketPage: (key) => (key ? panel.show(key) : panel.hide()),
    nearViewport: observeNearViewport,
  });
  runner.start();
  // Returning undefined leaves other messages unanswered; a promise answers this one.
  browser.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    if ((message as { type?: string })?.type === 'annotations') {
      runner.acceptAnnotations((message as { annotations?: unknown }).annotations);
      return undefined;
    }
    // Data Center may be mounted under a context path, which the page declares (none elsewhere).
    return answerApiGet(message, sender.id, browser.runtime.id, contextPathOf(document));
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => runner.navigated());
  ctx.onInvalidated(() => {
    runner.stop();
    panel.hide();
  });
  return runner;
}
