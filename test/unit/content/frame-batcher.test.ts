import { afterEach, describe, expect, it } from 'vitest';
import { FrameBatcher } from '../../../lib/content/frame-batcher';

/** The observer's records are delivered, and the frame they scheduled has run. */
const settled = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => requestAnimationFrame(resolve));
};

interface Run {
  full: boolean;
  rows: Element[];
}

/** A board of two columns, its cards known rows (as if read by an earlier pass). */
function setUp() {
  document.body.innerHTML = '';
  const columns = ['To Do', 'Done'].map((name) => {
    const column = document.createElement('section');
    const heading = document.createElement('h2');
    heading.textContent = name;
    const list = document.createElement('div');
    column.append(heading, list);
    document.body.append(column);
    return list;
  });
  const cards = ['A-1', 'A-2'].map((key) => {
    const card = document.createElement('article');
    const icon = document.createElement('img');
    icon.alt = 'High priority';
    card.append(key, icon);
    columns[0].append(card);
    return card;
  });
  const known = new Set<Element>(cards);
  const runs: Run[] = [];
  const batcher = new FrameBatcher(
    document.body,
    (node) => node instanceof Element && node.hasAttribute('data-queuelens'),
    ({ full, rows }) => runs.push({ full, rows: [...rows] }),
    {
      rowOf: (node) => {
        for (let el = node instanceof Element ? node : node.parentElement; el; el = el.parentElement) if (known.has(el)) return el;
        return null;
      },
      has: (node) => known.has(node as Element),
    },
  );
  return { columns, cards, runs, batcher };
}

describe('FrameBatcher', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('counts a known row moved to another parent as changed, with a full pass for the parents', async () => {
    const { columns, cards, runs, batcher } = setUp();
    batcher.start();
    stop = () => batcher.stop();
    await settled();
    runs.length = 0;

    columns[1].append(cards[1]);
    await settled();
    expect(runs).toEqual([{ full: true, rows: [cards[1]] }]);
  });

  it('scopes a change inside a row, including an attribute its reading read', async () => {
    const { cards, runs, batcher } = setUp();
    batcher.start();
    stop = () => batcher.stop();
    await settled();
    runs.length = 0;

    cards[0].querySelector('img')!.alt = 'Low priority';
    await settled();
    expect(runs).toEqual([{ full: false, rows: [cards[0]] }]);

    // An attribute no reading reads (hover styling) schedules nothing.
    cards[1].querySelector('img')!.className = 'hovered';
    await settled();
    expect(runs).toHaveLength(1);
  });

  it('ignores our own nodes coming and going', async () => {
    const { cards, runs, batcher } = setUp();
    batcher.start();
    stop = () => batcher.stop();
    await settled();
    runs.length = 0;

    const badge = document.createElement('span');
    badge.setAttribute('data-queuelens', 'badge');
    cards[0].append(badge);
    await settled();
    expect(runs).toEqual([]);
  });
});
