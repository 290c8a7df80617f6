import type { FreshStart, FromWorker, LabScenario, SavedLab, ToWorker } from './protocol.ts';
import { loadLab, openLabStorage } from './storage.ts';

/** A new lab worker, made in one place so the build emits the worker's code once. */
const createLabWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

/** What a lab's section is, to the page's script (and to the build, which finds that script by it). */
export const LAB_SECTIONS = 'section.lab[data-scenario]';

/** A worker made before any lab needed one (`watchLabs`), for the first that does. */
let spare: Worker | undefined;

/** How long a lab may take to reach its prompt before the next one starts anyway. */
const TURN_MS = 10_000;

/**
 * Settles when the lab started last has its prompt. Labs start one at a time, in the order they are
 * asked for: on a machine with few cores the lab in view gets them first, and the next lab's worker
 * finds its code in the browser's cache.
 */
let previous: Promise<void> = Promise.resolve();

/** Makes a worker once the lab before it has its prompt; the next lab waits for this one's. */
function startInTurn(prepare?: ToWorker): Promise<Worker> {
  const turn = previous;
  let done = () => {};
  previous = new Promise<void>((resolve) => {
    done = resolve;
    setTimeout(resolve, TURN_MS);
  });
  return turn.then(() => {
    const worker = spare ?? createLabWorker();
    spare = undefined;
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'idle' || event.data.type === 'error') done();
    });
    worker.addEventListener('error', () => done());
    if (prepare) worker.postMessage(prepare);
    return worker;
  });
}

/** Workers started for labs whose terminal has not taken them yet, by lab id. */
const prestarted = new Map<string, Promise<Worker>>();

/** The saved state of those labs, being read from the browser's storage meanwhile. */
const saves = new Map<string, Promise<SavedLab | undefined>>();

/**
 * Starts the lab in `section` ahead of its terminal: its worker downloads and compiles and builds the
 * scenario's fresh sandbox (see the worker's `prepare`) while xterm's code loads. The section carries `data-lab-id`, `data-scenario` and, when the
 * scenario has one, `data-start`: its fresh start computed at build time (Lab.astro, `freshStart`).
 */
export function prestartLab(section: HTMLElement): void {
  const id = section.dataset.labId;
  const scenario = section.dataset.scenario;
  if (!id || !scenario || prestarted.has(id)) return;
  const start = section.dataset.start;
  const prepare: ToWorker = {
    type: 'prepare',
    ...(JSON.parse(scenario) as LabScenario),
    ...(start ? { start: JSON.parse(start) as FreshStart } : {}),
  };
  prestarted.set(id, startInTurn(prepare));
  saves.set(id, loadLab(id));
}

/**
 * The worker for the lab in `section`, prestarted (now, if it was not yet) and handed over once: each
 * call after the first prestarts a new one, as Reset needs.
 */
export function takeLabWorker(section: HTMLElement): Promise<Worker> {
  prestartLab(section);
  const id = section.dataset.labId ?? '';
  const worker = prestarted.get(id) ?? startInTurn();
  prestarted.delete(id);
  return worker;
}

/** The lab's saved state (none for a fresh lab), read when it was prestarted; handed over once. */
export function takeSavedLab(section: HTMLElement): Promise<SavedLab | undefined> {
  const id = section.dataset.labId ?? '';
  const saved = saves.get(id) ?? loadLab(id);
  saves.delete(id);
  return saved;
}

/**
 * Prestarts each lab on the page as it comes within a screen's height of the viewport, the one in
 * view first, then hands it to `open` (which opens its terminal session): the worker, the longest part
 * of a lab's start, is under way before any of the terminal's code has loaded.
 */
export function watchLabs(open: (section: HTMLElement) => void): void {
  // The build runs this script from the head of a lab page (src/integration/lab-preload.ts), before
  // the lesson is parsed: the first lab's worker loads its code meanwhile.
  if (document.readyState === 'loading') spare = createLabWorker();
  openLabStorage();
  const near = (section: HTMLElement) => {
    prestartLab(section);
    open(section);
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        near(entry.target as HTMLElement);
      }
    },
    { rootMargin: LAB_MARGIN },
  );
  const seen = new WeakSet<Element>();
  const scan = () => {
    const reach = window.innerHeight;
    const shift = pendingScroll();
    for (const section of document.querySelectorAll<HTMLElement>(LAB_SECTIONS)) {
      if (seen.has(section)) continue;
      seen.add(section);
      // A lab already within reach starts now, not at the observer's first report a frame later.
      const { top, bottom } = section.getBoundingClientRect();
      if (bottom - shift > -reach && top - shift < 2 * reach) near(section);
      else observer.observe(section);
    }
  };
  scan();
  // Started while the lesson is still being parsed: the labs come later.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
}

/**
 * How far down the browser is about to scroll: to the address's fragment, while the page is still
 * being parsed and has not scrolled there yet; else 0.
 */
function pendingScroll(): number {
  let id = '';
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    // A malformed fragment names no element.
  }
  const target = id && window.scrollY === 0 ? document.getElementById(id) : null;
  return target ? target.getBoundingClientRect().top : 0;
}

/** How far outside the viewport a lab starts: one screen above and below (the check in `watchLabs` too). */
export const LAB_MARGIN = '100% 0px';
