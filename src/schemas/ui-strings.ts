import { z } from 'astro/zod';

/** Quayside's own interface strings, translated beside Starlight's in `src/content/i18n/`. */
export const uiStrings = z.object({
  'quayside.objectives': z.string(),
});

export type UiStringsInput = z.input<typeof uiStrings>;
export type UiStrings = z.output<typeof uiStrings>;
