import { defineContentScript } from 'wxt/utils/define-content-script';
import { startAdapter } from '../lib/content/start';
import { zendeskAdapter } from '../lib/zendesk/adapter';
import { ZENDESK_MATCHES } from '../lib/hosts';

export default defineContentScript({
  matches: ZENDESK_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => startAdapter(ctx, zendeskAdapter),
});
