import { z } from 'astro/zod';

/** Quayside's own interface strings, translated beside Starlight's in `src/content/i18n/`. */
export const uiStrings = z.object({
  'quayside.objectives': z.string(),
  'quayside.lab.terminal': z.string(),
  'quayside.lab.reset': z.string(),
  'quayside.lab.speed': z.string(),
  'quayside.lab.screenReader': z.string(),
  'quayside.lab.fastNotice': z.string(),
  'quayside.lab.loading': z.string(),
  'quayside.lab.terminalTab': z.string(),
  'quayside.lab.files': z.string(),
  'quayside.lab.newFile': z.string(),
  'quayside.lab.save': z.string(),
  'quayside.lab.saved': z.string(),
  'quayside.lab.editorFor': z.string(),
});

export type UiStringsInput = z.input<typeof uiStrings>;
export type UiStrings = z.output<typeof uiStrings>;
