/** How many labs each page being rendered has so far, keyed by its render's `Astro.locals`. */
const counts = new WeakMap<object, number>();

/**
 * The accessible name of the next lab on a page: numbered in page order, with its exercise's title
 * when it has one ("Lab 2: Your first web server"), so two labs on one page never share a name.
 */
export function nextLabName(
  locals: object,
  labels: { numbered: string; titled: string },
  title: string | undefined,
): string {
  const n = (counts.get(locals) ?? 0) + 1;
  counts.set(locals, n);
  return (title ? labels.titled.replace('{title}', title) : labels.numbered).replace('{n}', String(n));
}
