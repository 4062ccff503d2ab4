import type { PagePass, ReuseReading } from '../adapter/types';
import { PassBuilder, checkHealth, stillMounted, elementWithText, outsideLink, readKey, readLabelled, readLabelText, textOf } from './dom';
import { queryAllFirst, queryFirst } from '../adapter/dom';
import { SELECTORS } from './selectors';

/** The two Cloud board markups of 2026 differ only in which test ids they carry. */
interface BoardMarkup {
  card: readonly string[];
  column: readonly string[];
  header: readonly string[];
  swimlane: readonly string[];
}

const BOARD_KIT: BoardMarkup = {
  card: SELECTORS.boardKitCard,
  column: SELECTORS.boardKitColumn,
  header: SELECTORS.boardKitColumnHeader,
  swimlane: SELECTORS.boardKitSwimlane,
};
const BOARD_CONTENT: BoardMarkup = {
  card: SELECTORS.boardContentCard,
  column: SELECTORS.boardContentCell,
  header: SELECTORS.boardContentColumnHeader,
  swimlane: SELECTORS.boardContentSwimlane,
};

const COUNT_TEXT = /^(\d+(\s*(\/|of)\s*\d+)?|(max|min)\.?:?\s*\d+)$/i;

/** Visible text of `el` minus counts ("3", "3/5", "Max 5") and button labels ("Collapse To Do"). */
function ownText(el: Element, parts: string[]): void {
  for (const node of el.childNodes) {
    if (node.nodeType === 3) {
      const t = node.textContent?.replace(/\s+/g, ' ').trim();
      if (t && !COUNT_TEXT.test(t)) parts.push(t);
    } else if (node.nodeType === 1 && !(node as Element).matches('button, [hidden], [aria-hidden="true"]')) {
      ownText(node as Element, parts);
    }
  }
}

/** A column's name from its header: the name test id, `title`, or text minus counts. */
export function columnNameOf(header: Element): string | undefined {
  const nameEl = queryFirst(header, SELECTORS.columnName) ?? header;
  const title = nameEl.getAttribute('title')?.trim();
  if (title) return title;
  const parts: string[] = [];
  ownText(nameEl, parts);
  return parts.join(' ').trim() || undefined;
}

/**
 * Resolves the column name of any column element. A column with its own header names itself;
 * a swimlane's columns have none, so they take the name of the header at the same position
 * in the header row (headers outside swimlanes, else those of the first swimlane).
 */
class ColumnNames {
  private cache = new Map<Element, string | undefined>();
  private lanes = new Map<Element | null, Element[]>();
  private headerRow: (string | undefined)[];
  private columnSelector: string;
  private swimlaneSelector: string;
  private headerSelector: string;

  constructor(
    private board: ParentNode,
    markup: BoardMarkup,
  ) {
    this.columnSelector = markup.column.join(',');
    this.swimlaneSelector = markup.swimlane.join(',');
    this.headerSelector = markup.header.join(',');
    const headers = [...board.querySelectorAll(this.headerSelector)];
    const outside = headers.filter((h) => !h.closest(this.swimlaneSelector));
    const firstLane = headers[0]?.closest(this.swimlaneSelector);
    const row = outside.length ? outside : headers.filter((h) => h.closest(this.swimlaneSelector) === firstLane);
    this.headerRow = row.map(columnNameOf);
  }

  get columns(): number {
    return this.headerRow.length;
  }

  of(column: Element): string | undefined {
    if (this.cache.has(column)) return this.cache.get(column);
    const header = column.querySelector(this.headerSelector);
    const name = header ? columnNameOf(header) : this.headerRow[this.indexInLane(column)];
    this.cache.set(column, name);
    return name;
  }

  private indexInLane(column: Element): number {
    const lane = column.closest(this.swimlaneSelector);
    let columns = this.lanes.get(lane);
    if (!columns) {
      const scope: ParentNode = lane ?? this.board;
      columns = [...scope.querySelectorAll(this.columnSelector)].filter((c) => c.closest(this.swimlaneSelector) === lane);
      this.lanes.set(lane, columns);
    }
    return columns.indexOf(column);
  }
}

function readAssignee(card: Element): string | null | undefined {
  const label = queryFirst(card, SELECTORS.cardAssigneeLabel);
  if (label) return readLabelText(label, 'assignee');
  const wrapper = queryFirst(card, SELECTORS.cardAssigneeWrapper);
  if (wrapper) {
    const named = wrapper.querySelector('[aria-label], img[alt]:not([alt=""])');
    return readLabelled(named ?? wrapper, 'assignee');
  }
  return readLabelled(queryFirst(card, SELECTORS.cardAssigneeButton), 'assignee');
}

function readPriority(card: Element): string | null | undefined {
  const value = readLabelled(queryFirst(card, SELECTORS.cardPriority), 'priority');
  return value ? value.toLowerCase() : value;
}

/** Any priority element, whichever selector: a board that shows none is not searched card by card. */
const ANY_PRIORITY = SELECTORS.cardPriority.join(',');

/** What every card of one pass is read with. */
interface CardPlan {
  columnSelector: string;
  names: ColumnNames;
  /** False when no card on the page shows a priority (boards can hide the field). */
  showsPriority: boolean;
}

/**
 * Reads every mounted card of a Cloud board (platform-board-kit or board.content markup), or
 * with `onlyRows` just those cards (an incremental pass: each card's column is found from the
 * card itself, so the rest of the board is not read). Status is the name of the card's column,
 * as shown. Column headers are never items. With `reuse`, an unchanged card in a column of the
 * same name is not read again.
 */
export function parseCloudBoard(root: ParentNode, url: URL, now: number, onlyRows?: Element[], reuse?: ReuseReading): PagePass {
  const pass = new PassBuilder(url, now, 'jira-board', reuse);
  if (onlyRows) {
    const kit = stillMounted(onlyRows, BOARD_KIT.card);
    const markup = kit.length ? BOARD_KIT : BOARD_CONTENT;
    const cards = kit.length ? kit : stillMounted(onlyRows, BOARD_CONTENT.card);
    readCards(pass, cards, cardPlan(root, markup, new ColumnNames(root, markup)));
    return pass.done();
  }
  const kitCards = queryAllFirst(root, SELECTORS.boardKitCard);
  const markup = kitCards.length || queryFirst(root, BOARD_KIT.column) ? BOARD_KIT : BOARD_CONTENT;
  const cards = markup === BOARD_KIT ? kitCards : queryAllFirst(root, SELECTORS.boardContentCard);
  const wrapper = queryFirst(root, SELECTORS.boardContentWrapper);
  const columns = [...root.querySelectorAll(markup.column.join(','))];
  const board = wrapper ?? columns[0]?.parentElement ?? null;
  pass.container(cards.length > 0 || columns.length > 0 || !!wrapper, 'Jira board layout not recognised: no board columns or cards found');
  pass.count('swimlanes', root.querySelectorAll(markup.swimlane.join(',')).length);

  const names = new ColumnNames(root, markup);
  pass.count('columns', names.columns);
  const keyed = readCards(pass, cards, cardPlan(root, markup, names));
  checkHealth(pass, 'board', board, cards.length, keyed);
  if (cards.length > 0 && pass.itemsWith('status') === 0) {
    pass.problem('Jira board layout not recognised: cards found but no column names');
  }
  return pass.done();
}

function cardPlan(root: ParentNode, markup: BoardMarkup, names: ColumnNames): CardPlan {
  return { columnSelector: markup.column.join(','), names, showsPriority: root.querySelector(ANY_PRIORITY) !== null };
}

/** Reads the given cards into the pass; returns how many carried an issue key. */
function readCards(pass: PassBuilder, cards: Element[], plan: CardPlan): number {
  let keyed = 0;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i];
    pass.report.rows += 1;
    const column = card.closest(plan.columnSelector);
    const status = column ? plan.names.of(column) : undefined;
    // A card's status is its column's name, outside the card: part of the reading's context.
    const context = pass.contextWith(status);
    if (pass.reused(card, context)) {
      keyed += 1;
      continue;
    }
    const keyElement = queryFirst(card, SELECTORS.boardKitKey);
    const key = readKey(card, keyElement);
    if (!key) continue;
    keyed += 1;
    const observation = pass.start(key);
    if (!observation) continue;
    pass.set(observation, 'status', status);
    pass.set(observation, 'assignee', readAssignee(card));
    if (plan.showsPriority) pass.set(observation, 'priority', readPriority(card));
    pass.setTitle(observation, textOf(queryFirst(card, SELECTORS.cardSummary)) || undefined);
    // The footer row (old) or the row holding the key label (new) has room for a badge;
    // never a link (a badge inside it would be a click target).
    const badgeHost =
      queryFirst(card, SELECTORS.boardKitFooter) ??
      keyElement ??
      outsideLink(elementWithText(card, key)?.parentElement ?? card);
    pass.add(card, badgeHost, observation, context);
  }
  return keyed;
}
