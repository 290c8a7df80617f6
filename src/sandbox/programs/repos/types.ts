/** A public repository the sandbox's git can clone without a network: its files and history. */
export interface RepoSnapshot {
  /** The https URL learners type (with `.git`). */
  url: string;
  /** The directory `git clone` makes. */
  name: string;
  /** The default branch, checked out by a clone. */
  branch: string;
  /** Other branches on the remote (a clone lists them as `origin/<name>`). */
  otherBranches: string[];
  /** What the server's pack holds, for git's progress lines. */
  transfer: { objects: number; deltas: number; bytes: string; compressed: number };
  /** The default branch's history, newest first. */
  commits: { hash: string; parents: string[]; author: string; date: string; message: string }[];
  /** Text files: path in the repository → content. */
  files: Record<string, string>;
  /** Files kept as their size only (binaries, vendored libraries): path → bytes. */
  blobs: Record<string, number>;
}
