import type { SavedLab } from './protocol.ts';

const DB = 'quayside-labs';
const STORE = 'labs';

let opened: Promise<IDBDatabase> | undefined;

/** The page's one connection to the labs' database, opened on first use. */
function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // A failed open (blocked storage) is tried again next time rather than remembered.
  opened.catch(() => {
    opened = undefined;
  });
  return opened;
}

/** Opens the labs' database ahead of the first read: opening costs more than reading. */
export function openLabStorage(): void {
  void open().catch(() => {});
}

async function run<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  try {
    const db = await open();
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } catch {
    // No IndexedDB (private mode, blocked storage): the lab still works, it just starts fresh.
    return undefined;
  }
}

/** The lab as the learner left it, or undefined. */
export function loadLab(id: string): Promise<SavedLab | undefined> {
  return run<SavedLab>('readonly', (s) => s.get(id) as IDBRequest<SavedLab>);
}

export async function saveLab(id: string, lab: SavedLab): Promise<void> {
  await run('readwrite', (s) => s.put(lab, id));
}

export async function clearLab(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}
