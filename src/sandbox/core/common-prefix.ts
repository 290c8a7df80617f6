/** The longest prefix all candidates share: what Tab can complete when several candidates remain. */
export function commonPrefix(candidates: string[]): string {
  if (candidates.length === 0) return '';
  let prefix = candidates[0] as string;
  for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
