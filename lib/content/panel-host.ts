import { browser } from 'wxt/browser';

const HOST_ATTR = 'data-queuelens';

/**
 * Hosts the ticket panel on ticket pages: an extension page (React, reading IndexedDB itself)
 * in an iframe inside a shadow root, so neither the host page's CSS nor its scripts reach it
 * and React stays out of the content script. Fixed in the top-right corner: it never moves the
 * host page's layout.
 */
export class PanelHost {
  private host: HTMLElement | undefined;
  private key: string | undefined;

  show(ticketKey: string): void {
    if (this.key === ticketKey && this.host?.isConnected) return;
    this.hide();
    const host = document.createElement('div');
    host.setAttribute(HOST_ATTR, 'panel');
    host.setAttribute('data-ticket-key', ticketKey);
    host.style.cssText = 'all:initial;position:fixed;top:64px;right:16px;z-index:2147483000;width:320px;height:340px;';
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.title = 'QueueLens ticket panel';
    frame.src = browser.runtime.getURL(`/panel.html?key=${encodeURIComponent(ticketKey)}`);
    frame.style.cssText = 'border:0;width:100%;height:100%;color-scheme:normal;background:transparent;';
    shadow.append(frame);
    document.body.append(host);
    this.host = host;
    this.key = ticketKey;
  }

  hide(): void {
    this.host?.remove();
    this.host = undefined;
    this.key = undefined;
  }
}
