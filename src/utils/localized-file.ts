/**
 * Picks the file for a locale from a map of loaded files: `<base>.<locale><ext>`,
 * else the English `<base>.en<ext>`. `locale` is Starlight's locale key (`undefined` for the root).
 */
export function pickLocalized<T>(
  files: Record<string, T>,
  base: string,
  ext: string,
  locale: string | undefined,
): T | undefined {
  return files[`${base}.${locale ?? 'en'}${ext}`] ?? files[`${base}.en${ext}`];
}
