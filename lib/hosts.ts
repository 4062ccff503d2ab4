/** Match patterns of the host tools QueueLens reads (manifest host permissions + content scripts). */
export const ZENDESK_MATCHES = ['https://*.zendesk.com/*'];
export const JIRA_MATCHES = ['https://*.atlassian.net/*'];
