/** A strict RFC 4180 reader for tests: throws on anything a conforming writer would not produce. */
export function parseCsv(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('missing BOM');
  const s = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < s.length) {
    let cell = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('unterminated quote');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else cell += s[i++];
      }
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '\r') {
        if (s[i] === '"' || s[i] === '\n') throw new Error(`bare ${JSON.stringify(s[i])} at ${i}`);
        cell += s[i++];
      }
    }
    row.push(cell);
    if (s[i] === ',') i++;
    else if (s[i] === '\r' && s[i + 1] === '\n') {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(s[i])} at ${i}`);
  }
  if (row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}
