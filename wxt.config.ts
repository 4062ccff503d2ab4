import { defineConfig } from 'wxt';
import { JIRA_MATCHES, ZENDESK_MATCHES } from './lib/hosts';

/**
 * Host access is limited to the tool domains; self-hosted Jira instances are optional host
 * permissions requested from the options page when the user adds one (SECURITY.md).
 */



export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: code reads the same inside and outside WXT.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'QueueLens',
    description: 'See how work moves in Zendesk and Jira: aging, handoffs and bottlenecks, inline.',
    permissions: ['storage', 'alarms', 'downloads', 'unlimitedStorage'],
    host_permissions: [...ZENDESK_MATCHES, ...JIRA_MATCHES],
    optional_host_permissions: browser === 'firefox' ? undefined : ['https://*/*'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'queuelens@queuelens.dev', strict_min_version: '128.0' } } }
      : {}),
    action: { default_title: 'QueueLens' },
  }),
});
