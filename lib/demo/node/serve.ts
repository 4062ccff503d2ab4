import type { BrowserContext } from '@playwright/test';
import type { SimulatedHelpdesk } from '../helpdesk';
import { routeHelpdesk } from '../router';

/**
 * Serves the simulated helpdesk at its production URL by request interception, so the
 * extension's real match patterns (https://*.zendesk.com/*) apply.
 */
export async function serveHelpdesk(context: BrowserContext, helpdesk: SimulatedHelpdesk, host = 'acme.zendesk.com'): Promise<void> {
  await context.route(`https://${host}/**`, async (route) => {
    const request = route.request();
    const answer = routeHelpdesk(helpdesk, new URL(request.url()), request.method());
    await route.fulfill({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: answer.headers });
  });
}
