/**
 * Port of github.com/distribution/reference (ParseNormalizedNamed, TagNameOnly, FamiliarName/String) and
 * the digest validation of opencontainers/go-digest, with the real error strings: docker prints them as is
 * (`docker pull Alpine` -> `invalid reference format: repository name (library/Alpine) must be lowercase`).
 */

/** A parsed, normalised reference: `docker.io` / `library/alpine` / `3.20` / `sha256:…`. */
export type ImageReference = { domain: string; path: string; tag?: string; digest?: string };

/** Parse outcome; `error` is the exact message docker prints. */
export type ReferenceResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

// Grammar, built exactly like regexp.go. JS and RE2 agree on these patterns (leftmost-first submatches).
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tag = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digestPat}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;
/** go-digest's DigestRegexpAnchored, consulted for algorithms it does not know. */
const goDigestRegexp = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const DEFAULT_TAG = 'latest';

/** Hex lengths of the algorithms the docker CLI binary registers (crypto/sha256 and crypto/sha512). */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** go-digest Digest.Validate; returns the error message or undefined when valid. */
export function validateDigest(d: string): string | undefined {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) return 'invalid checksum digest format';
  const algorithm = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const size = DIGEST_HEX_LENGTH[algorithm];
  if (size === undefined)
    return goDigestRegexp.test(d) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  if (encoded.length !== size) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}

/** splitDockerDomain: the first component is a registry only if it has '.', ':', is localhost or has uppercase. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  // Only Docker Hub gets the implicit "library/" namespace.
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/** reference.Parse on an already-normalised string. */
function parse(s: string): ReferenceResult {
  if (s === '') return { ok: false, error: 'repository name must have at least one component' };
  const m = referenceRegexp.exec(s);
  if (!m) {
    const lower = s.toLowerCase();
    if (lower !== s && referenceRegexp.test(lower))
      return { ok: false, error: 'repository name must be lowercase' };
    return { ok: false, error: 'invalid reference format' };
  }
  const [, name = '', tagMatch, digestMatch] = m;
  const nm = anchoredNameRegexp.exec(name);
  const domain = nm?.[1] ?? '';
  const path = nm ? (nm[2] ?? '') : name;
  if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) {
    return {
      ok: false,
      error: `repository name must not be more than ${REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters`,
    };
  }
  const ref: ImageReference = { domain, path };
  if (tagMatch) ref.tag = tagMatch;
  if (digestMatch) {
    const err = validateDigest(digestMatch);
    if (err) return { ok: false, error: err };
    ref.digest = digestMatch;
  }
  return { ok: true, ref };
}

/**
 * reference.ParseNormalizedNamed: `alpine` -> docker.io/library/alpine, `user/app:1` -> docker.io/user/app:1,
 * `localhost:5000/x@sha256:…` keeps its registry. Never adds a tag (see withDefaultTag).
 */
export function parseReference(s: string): ReferenceResult {
  if (anchoredIdentifierRegexp.test(s)) {
    return { ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(s);
  // As in Go, everything before the first ':' counts as the name, even when that ':' starts a digest.
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) {
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  }
  return parse(`${domain}/${remainder}`);
}

/** reference.TagNameOnly: add `latest` when there is neither tag nor digest. */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** Name() of a reference: `docker.io/library/alpine`. */
export function fullName(ref: ImageReference): string {
  return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
}

function withSuffix(name: string, ref: ImageReference): string {
  return (
    name + (ref.tag === undefined ? '' : `:${ref.tag}`) + (ref.digest === undefined ? '' : `@${ref.digest}`)
  );
}

/** String() of a reference: `docker.io/library/alpine:latest`, `…@sha256:…`, or `name:tag@digest`. */
export function fullString(ref: ImageReference): string {
  return withSuffix(fullName(ref), ref);
}

/** reference.FamiliarName: drop `docker.io/` and a single-level `library/` (`alpine`, `user/app`). */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return fullName(ref);
  if (ref.path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) return rest;
  }
  return ref.path;
}

/** reference.FamiliarString: familiar name plus tag/digest (`alpine:latest`, `ubuntu@sha256:…`). */
export function familiarString(ref: ImageReference): string {
  return withSuffix(familiarName(ref), ref);
}
