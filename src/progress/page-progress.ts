import { whoIsSignedIn } from '../people/who.ts';
import type { ProgressItem } from '../schemas/progress.ts';
import { PROGRESS_EVENT, readBrowserProgress } from './browser-store.ts';
import { mergeItems } from './status.ts';

interface ServerProgress {
  signedIn: boolean;
  items: ProgressItem[];
}

let fromServer: Promise<ServerProgress> | undefined;

/** The signed-in learner's progress as the server graded it; none for a visitor. Asked once per page. */
function serverProgress(): Promise<ServerProgress> {
  fromServer ??= whoIsSignedIn().then(async (who) => {
    if (!who) return { signedIn: false, items: [] };
    const response = await fetch('/api/me/progress').catch(() => undefined);
    const body = (await response?.json().catch(() => undefined)) as { items?: ProgressItem[] } | undefined;
    return { signedIn: true, items: response?.ok && Array.isArray(body?.items) ? body.items : [] };
  });
  return fromServer;
}

/**
 * Calls `render` with the learner's progress: at once with what this browser kept, again with the
 * server's record merged in once it answers, and whenever this tab or another records a result.
 */
export function watchProgress(render: (items: Map<string, ProgressItem>, signedIn: boolean) => void): void {
  let server: ProgressItem[] = [];
  let signedIn = false;
  const draw = () => render(mergeItems(readBrowserProgress().items, server), signedIn);
  draw();
  void serverProgress().then((answer) => {
    server = answer.items;
    signedIn = answer.signedIn;
    draw();
  });
  window.addEventListener(PROGRESS_EVENT, draw);
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key.startsWith('quayside:progress')) draw();
  });
}
