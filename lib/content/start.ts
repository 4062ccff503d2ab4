import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Adapter } from '../adapter/types';
import { ContentRunner } from './runner';

/** Shared by every tool's content script: wires an adapter to the page and the background. */
export function startAdapter(ctx: ContentScriptContext, adapter: Adapter): ContentRunner {
  const runner = new ContentRunner({ adapter, send: (message) => browser.runtime.sendMessage(message) });
  runner.start();
  ctx.addEventListener(window, 'wxt:locationchange', () => runner.navigated());
  ctx.onInvalidated(() => runner.stop());
  return runner;
}
