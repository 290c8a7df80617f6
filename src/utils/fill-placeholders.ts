/**
 * `text` with its `{name}` placeholders replaced by `values`; unknown names, and braces around
 * anything but a word (Go templates such as `{{.State.Status}}`), stay as they are. Used for quiz
 * parameters and for the site's UI strings.
 */
export function fillPlaceholders(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
