import { afterEach, describe, expect, it } from 'vitest';
import { ContentRunner } from '../../../lib/content/runner';
import { DEFAULT_THRESHOLDS } from '../../../lib/content/badge-view';
import { jiraAdapter } from '../../../lib/jira/adapter';
import type { Adapter } from '../../../lib/adapter/types';
import type { Observation } from '../../../lib/model';
import { loadHtml } from '../jira/fixtures';

const BOARD = 'https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12';
const NOW = Date.UTC(2026, 7, 12, 12, 0);

/** The observer's records are delivered, the pass they scheduled has run, and its batch was sent. */
const settled = async () => {
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
};

/** Shows a fixture page at `href` in the test window (nodes imported, never parsed from a string here). */
function showPage(file: string, href: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(href);
  document.body.replaceWith(document.importNode(loadHtml(file).body, true));
}

/** A runner over the page whose background acknowledges every batch, recording what was sent. */
function startRunner(adapter: Adapter) {
  const sent: Observation[][] = [];
  const reads: Element[][] = [];
  // Records which rows each full pass actually read (items not taken over from the last pass).
  const spy: Adapter = {
    ...adapter,
    parsePage(root, url, now, onlyRows, reuse) {
      const taken = new Set<unknown>();
      const pass = adapter.parsePage(root, url, now, onlyRows, reuse && ((row) => {
        const previous = reuse(row);
        if (previous) taken.add(previous);
        return previous;
      }));
      reads.push(pass.items.filter((i) => !taken.has(i)).map((i) => i.element));
      return pass;
    },
  };
  const runner = new ContentRunner({
    adapter: spy,
    now: () => NOW,
    send: async (message) => {
      const { batchId, observations } = message as { batchId: string; observations: Observation[] };
      sent.push(observations);
      return { ok: true, batchId, stored: observations.length, transitions: 0, annotations: [], thresholds: DEFAULT_THRESHOLDS };
    },
  });
  runner.start();
  return { runner, sent, reads };
}

describe('ContentRunner full passes over a Jira board', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('reads again only the card dragged to another column, and sends its new status', async () => {
    showPage('board-kit.html', BOARD);
    const { runner, sent, reads } = startRunner(jiraAdapter);
    stop = () => runner.stop();
    await settled();
    expect(sent.flat().map((o) => [o.id, o.status])).toEqual([
      ['OPS-1', 'To Do'],
      ['OPS-2', 'To Do'],
      ['OPS-3', 'In Progress'],
      ['OPS-4', 'Done'],
    ]);
    sent.length = 0;
    reads.length = 0;

    const card = document.getElementById('card-OPS-2')!;
    const doneList = [...document.querySelectorAll('[data-testid="platform-board-kit.ui.column.card-list"]')].at(-1)!;
    doneList.append(card);
    await settled();

    expect(reads).toEqual([[card]]);
    expect(sent.flat().map((o) => [o.id, o.status])).toEqual([['OPS-2', 'Done']]);
  });

  it('takes over every unchanged card on a pass after single-page navigation', async () => {
    showPage('board-kit.html', BOARD);
    const { runner, reads } = startRunner(jiraAdapter);
    stop = () => runner.stop();
    await settled();
    reads.length = 0;

    runner.navigated();
    await settled();
    expect(reads).toEqual([[]]);
  });
});
