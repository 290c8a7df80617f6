import type { Filesystem } from '../../fs/filesystem.ts';

/** What a registry keeps: blobs by digest, and per repository manifests and tags. */
export interface RegistryStore {
  hasBlob(digest: string): boolean;
  putBlob(digest: string, size: number, text?: string): void;
  /** A blob's text (image configs), or undefined. */
  blobText(digest: string): string | undefined;
  putManifest(repo: string, tag: string | undefined, digest: string, text: string): void;
  /** A manifest by tag or digest. */
  manifest(repo: string, reference: string): { digest: string; text: string } | undefined;
  repositories(): string[];
  tags(repo: string): string[] | undefined;
}

const ROOT = '/var/lib/registry/docker/registry/v2';

/** The storage layout of the `registry:2` image, as files in its filesystem (normally a volume). */
export class VolumeStore implements RegistryStore {
  private readonly fs: Filesystem;

  constructor(fs: Filesystem) {
    this.fs = fs;
  }

  private blobPath(digest: string): string {
    const hex = digest.replace('sha256:', '');
    return `${ROOT}/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`;
  }

  private ensure(dir: string): void {
    if (!this.fs.isDir(dir)) this.fs.mkdir(dir, { parents: true });
  }

  hasBlob(digest: string): boolean {
    return this.fs.exists(this.blobPath(digest));
  }

  putBlob(digest: string, size: number, text?: string): void {
    const path = this.blobPath(digest);
    this.ensure(path.slice(0, path.lastIndexOf('/')));
    if (text === undefined) this.fs.writeBlob(path, size);
    else this.fs.writeFile(path, text);
  }

  blobText(digest: string): string | undefined {
    const path = this.blobPath(digest);
    return this.fs.exists(path) ? this.fs.readText(path) : undefined;
  }

  putManifest(repo: string, tag: string | undefined, digest: string, text: string): void {
    this.putBlob(digest, text.length, text);
    const base = `${ROOT}/repositories/${repo}/_manifests`;
    const hex = digest.replace('sha256:', '');
    this.ensure(`${base}/revisions/sha256/${hex}`);
    this.fs.writeFile(`${base}/revisions/sha256/${hex}/link`, digest);
    if (tag) {
      this.ensure(`${base}/tags/${tag}/current`);
      this.fs.writeFile(`${base}/tags/${tag}/current/link`, digest);
    }
  }

  manifest(repo: string, reference: string): { digest: string; text: string } | undefined {
    const base = `${ROOT}/repositories/${repo}/_manifests`;
    let digest = reference;
    if (!reference.startsWith('sha256:')) {
      const link = `${base}/tags/${reference}/current/link`;
      if (!this.fs.exists(link)) return undefined;
      digest = this.fs.readText(link);
    } else if (!this.fs.exists(`${base}/revisions/sha256/${reference.slice(7)}/link`)) return undefined;
    const text = this.blobText(digest);
    return text === undefined ? undefined : { digest, text };
  }

  repositories(): string[] {
    const out: string[] = [];
    const walk = (dir: string, prefix: string) => {
      if (!this.fs.isDir(dir)) return;
      for (const name of this.fs.readdir(dir)) {
        if (name === '_manifests') out.push(prefix.slice(0, -1));
        else if (!name.startsWith('_')) walk(`${dir}/${name}`, `${prefix}${name}/`);
      }
    };
    walk(`${ROOT}/repositories`, '');
    return out.sort();
  }

  tags(repo: string): string[] | undefined {
    const dir = `${ROOT}/repositories/${repo}/_manifests/tags`;
    if (!this.fs.isDir(`${ROOT}/repositories/${repo}/_manifests`)) return undefined;
    return this.fs.isDir(dir) ? this.fs.readdir(dir) : [];
  }
}

/** Docker Hub's repositories that learners push to, kept in the engine state. */
export interface HubState {
  blobs: Record<string, { size: number; text?: string }>;
  repos: Record<string, { tags: Record<string, string>; manifests: Record<string, string> }>;
}

export class HubStore implements RegistryStore {
  private readonly state: HubState;

  constructor(state: HubState) {
    this.state = state;
  }

  hasBlob(digest: string): boolean {
    return digest in this.state.blobs;
  }

  putBlob(digest: string, size: number, text?: string): void {
    this.state.blobs[digest] = text === undefined ? { size } : { size, text };
  }

  blobText(digest: string): string | undefined {
    return this.state.blobs[digest]?.text;
  }

  putManifest(repo: string, tag: string | undefined, digest: string, text: string): void {
    this.state.repos[repo] ??= { tags: {}, manifests: {} };
    const r = this.state.repos[repo];
    r.manifests[digest] = text;
    if (tag) r.tags[tag] = digest;
  }

  manifest(repo: string, reference: string): { digest: string; text: string } | undefined {
    const r = this.state.repos[repo];
    if (!r) return undefined;
    const digest = reference.startsWith('sha256:') ? reference : r.tags[reference];
    const text = digest ? r.manifests[digest] : undefined;
    return digest && text ? { digest, text } : undefined;
  }

  repositories(): string[] {
    return Object.keys(this.state.repos).sort();
  }

  tags(repo: string): string[] | undefined {
    const r = this.state.repos[repo];
    return r ? Object.keys(r.tags).sort() : undefined;
  }
}
