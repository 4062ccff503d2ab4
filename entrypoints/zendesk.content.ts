import { defineContentScript } from 'wxt/utils/define-content-script';
import { startAdapter } from '../lib/content/start';
import { zendeskAdapter } from '../lib/zendesk/adapter';
import { ZENDESK_EXCLUDES, ZENDESK_MATCHES } from '../lib/hosts';

export default defineContentScript({
  matches: ZENDESK_MATCHES,
  excludeMatches: ZENDESK_EXCLUDES,
  runAt: 'document_idle',
  main: (ctx) => startAdapter(ctx, zendeskAdapter),
});
