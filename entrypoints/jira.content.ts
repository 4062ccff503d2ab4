import { defineContentScript } from 'wxt/utils/define-content-script';
import { startAdapter } from '../lib/content/start';
import { jiraAdapter } from '../lib/jira/adapter';
import { JIRA_EXCLUDES, JIRA_MATCHES } from '../lib/hosts';

export default defineContentScript({
  matches: JIRA_MATCHES,
  excludeMatches: JIRA_EXCLUDES,
  runAt: 'document_idle',
  main: (ctx) => startAdapter(ctx, jiraAdapter),
});
