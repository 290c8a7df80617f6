/** What the oracle names at random: ids (64 hex digits or a 12-digit short form) and UUIDs. */
const NAME =
  /\b(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}|[0-9a-f]{12})\b/g;

/** The distinct random names in `text`, in order of first appearance. */
function namesIn(text: string): string[] {
  return [...new Set(text.match(NAME) ?? [])];
}

/**
 * Carries a re-recorded line's random names into text written against its previous recording (a
 * `newer` block): the k-th distinct name of `previous` becomes the k-th of `recorded`, and a short id
 * follows its long form. Returns `text` unchanged when the two recordings do not name as many things.
 */
export function carryNames(previous: string, recorded: string, text: string): string {
  const before = namesIn(previous);
  const after = namesIn(recorded);
  if (before.length !== after.length) return text;
  const map = new Map(before.map((name, i) => [name, after[i] as string]));
  return text.replace(NAME, (name) => {
    const same = map.get(name);
    if (same !== undefined) return same;
    if (name.length !== 12) return name;
    const long = before.find((b) => b.length === 64 && b.startsWith(name));
    return long === undefined ? name : (map.get(long) as string).slice(0, 12);
  });
}
