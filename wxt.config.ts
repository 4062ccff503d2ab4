import { defineConfig } from 'wxt';
import { JIRA_MATCHES, ZENDESK_MATCHES } from './lib/hosts';

/**
 * Host access is limited to the tool domains; self-hosted Jira instances are optional host
 * permissions requested from the options page when the user adds one (SECURITY.md).
 */



export default defineConfig({
  // Parallel builds (several engineers, or a bench beside the tests) can each use their own dir.
  outDir: process.env.QUEUELENS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // QUEUELENS_PROFILE=1 keeps names readable in CPU profiles of the built extension.
  vite: () => (process.env.QUEUELENS_PROFILE ? { build: { minify: false } } : {}),
  // Explicit imports everywhere: code reads the same inside and outside WXT.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'QueueLens',
    description: 'See how work moves in Zendesk and Jira: aging, handoffs and bottlenecks, inline.',
    // scripting: registers the Jira content script on self-hosted origins the user granted (options page).
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'scripting'],
    host_permissions: [...ZENDESK_MATCHES, ...JIRA_MATCHES],
    optional_host_permissions: browser === 'firefox' ? undefined : ['https://*/*'],
    optional_permissions: browser === 'firefox' ? ['https://*/*'] : undefined,
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'queuelens@queuelens.dev', strict_min_version: '128.0' } } }
      : {}),
    action: { default_title: 'QueueLens' },
    // The ticket panel is an extension page framed into ticket pages; only the tool domains may frame it.
    web_accessible_resources: [{ resources: ['panel.html'], matches: [...ZENDESK_MATCHES, ...JIRA_MATCHES] }],
  }),
});
