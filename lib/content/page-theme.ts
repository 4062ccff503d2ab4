/**
 * Host tools have their own dark mode, independent of the OS setting (Zendesk's is a per-agent
 * preference), so badges follow the page itself: a dark background behind the host's content
 * marks `<html data-queuelens-theme="dark">`, which the badge CSS reads.
 * One computed-style read per full pass, done before any write in that pass.
 */
export function detectDarkPage(probe: Element | null): boolean {
  for (let el: Element | null = probe; el; el = el.parentElement) {
    const rgba = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
    if (!rgba || (rgba[4] !== undefined && Number(rgba[4]) === 0)) continue; // transparent: look further up
    const [r, g, b] = [rgba[1], rgba[2], rgba[3]].map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 100;
  }
  return false;
}

export function markPageTheme(doc: Document, dark: boolean): void {
  const current = doc.documentElement.getAttribute('data-queuelens-theme');
  const wanted = dark ? 'dark' : 'light';
  if (current !== wanted) doc.documentElement.setAttribute('data-queuelens-theme', wanted);
}
