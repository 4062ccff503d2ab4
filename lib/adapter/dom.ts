/**
 * Ranked-selector lookups shared by every adapter. Selector lists are ordered best first
 * (design-system and test-id attributes, structure last): the first selector that matches
 * anything wins, so a weaker fallback never mixes its matches with a stronger one's.
 */
export function queryFirst(root: ParentNode, ranked: readonly string[]): Element | null {
  for (const selector of ranked) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

export function queryAllFirst(root: ParentNode, ranked: readonly string[]): Element[] {
  for (const selector of ranked) {
    const found = root.querySelectorAll(selector);
    // Indexed, not spread: a NodeList's iterator costs a call and an object per element.
    const all: Element[] = [];
    for (let i = 0; i < found.length; i++) all.push(found[i]);
    if (all.length) return all;
  }
  return [];
}
