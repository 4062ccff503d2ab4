import { defineContentScript } from 'wxt/utils/define-content-script';
import { startAdapter } from '../lib/content/start';
import { jiraAdapter } from '../lib/jira/adapter';
import { JIRA_MATCHES } from '../lib/hosts';

export default defineContentScript({
  matches: JIRA_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => startAdapter(ctx, jiraAdapter),
});
