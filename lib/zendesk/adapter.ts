import type { Adapter, PagePass } from '../adapter/types';
import { detectZendeskPage } from './detect';
import { parseZendeskTable } from './parse-view';
import { parseZendeskTicket } from './parse-ticket';

export const zendeskAdapter: Adapter = {
  tool: 'zendesk',
  detect: detectZendeskPage,
  parsePage(root, url, now, onlyRows, reuse): PagePass {
    const pageKind = detectZendeskPage(url);
    if (pageKind === 'zendesk-view' || pageKind === 'zendesk-search') {
      return parseZendeskTable(root, url, now, pageKind, onlyRows, reuse);
    }
    if (pageKind === 'zendesk-ticket') return parseZendeskTicket(root, url, now);
    return {
      pageKind,
      items: [],
      report: { tool: 'zendesk', host: url.hostname, pageKind, url: url.href, at: now, rows: 0, fieldCounts: {}, errors: 0 },
    };
  },
};
