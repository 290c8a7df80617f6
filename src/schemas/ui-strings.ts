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
  'quayside.lab.dashboard': z.string(),
  'quayside.dash.host': z.string(),
  'quayside.dash.memory': z.string(),
  'quayside.dash.disk': z.string(),
  'quayside.dash.workloads': z.string(),
  'quayside.dash.kind': z.string(),
  'quayside.dash.name': z.string(),
  'quayside.dash.kernel': z.string(),
  'quayside.dash.startup': z.string(),
  'quayside.dash.vm': z.string(),
  'quayside.dash.container': z.string(),
  'quayside.dash.images': z.string(),
  'quayside.dash.shared': z.string(),
  'quayside.dash.empty': z.string(),
  'quayside.dash.free': z.string(),
  'quayside.dash.vms': z.string(),
  'quayside.dash.containers': z.string(),
  'quayside.dash.other': z.string(),
  'quayside.dash.booting': z.string(),
  'quayside.dash.type': z.string(),
  'quayside.lab.leaveHint': z.string(),
});

export type UiStringsInput = z.input<typeof uiStrings>;
export type UiStrings = z.output<typeof uiStrings>;
