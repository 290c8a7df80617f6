/**
 * `RUN --mount=` parsing, ported from moby/buildkit `instructions/commands_runmount.go` (parseMount), with its
 * error texts. BuildKit parses mounts twice: at parse time without an expander (only the field syntax and a
 * `$` in `from=` are checked) and again at dispatch with variables expanded; {@link parseMount} takes an
 * optional expander for the second pass.
 */

import { parseGoBool, parseGoUint, suggest } from './goparse.ts';
import type { RunMount } from './instructions.ts';

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING = ['shared', 'private', 'locked'];
const ALL_KEYS = [
  'type',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'ro',
  'rw',
  'readwrite',
];

/** Success or BuildKit's message. */
export type MountResult = { ok: true; mount: RunMount } | { ok: false; error: string };

/** encoding/csv Reader.Read for one record (comma separated, `"` quoting). */
export function readCsvRecord(value: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (value[i] === '"') {
      const q = readQuotedField(value, i + 1);
      if (typeof q === 'string') return q;
      fields.push(q.field);
      i = q.end;
    } else {
      const end = value.indexOf(',', i);
      const field = end < 0 ? value.slice(i) : value.slice(i, end);
      if (field.includes('"'))
        return `parse error on line 1, column ${i + field.indexOf('"') + 1}: bare " in non-quoted-field`;
      fields.push(field);
      i = end < 0 ? value.length : end;
    }
    if (i >= value.length) return fields;
    i++;
    if (i === value.length) {
      fields.push('');
      return fields;
    }
  }
}

/** A quoted csv field starting after its opening quote. */
function readQuotedField(value: string, start: number): { field: string; end: number } | string {
  let field = '';
  let i = start;
  for (;;) {
    const q = value.indexOf('"', i);
    if (q < 0)
      return `parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`;
    field += value.slice(i, q);
    if (value[q + 1] === '"') {
      field += '"';
      i = q + 2;
      continue;
    }
    if (q + 1 < value.length && value[q + 1] !== ',') {
      return `parse error on line 1, column ${q + 2}: extraneous or missing " in quoted-field`;
    }
    return { field, end: q + 1 };
  }
}

/** A fresh mount with BuildKit's defaults. */
function defaultMount(): RunMount {
  return {
    type: 'bind',
    from: null,
    source: null,
    target: null,
    readOnly: false,
    id: null,
    sharing: null,
    required: false,
    mode: null,
    uid: null,
    gid: null,
  };
}

/** Mutable parse state of one mount. */
type MountState = { m: RunMount; roAuto: boolean };

/** Key-only fields (`ro`, `rw`, `required`); returns an error, '' when handled, null when not key-only. */
function keyOnly(st: MountState, key: string): string | null {
  if (key === 'readonly' || key === 'ro') {
    st.m.readOnly = true;
    st.roAuto = false;
    return '';
  }
  if (key === 'readwrite' || key === 'rw') {
    st.m.readOnly = false;
    st.roAuto = false;
    return '';
  }
  if (key === 'required') {
    if (st.m.type === 'secret' || st.m.type === 'ssh') {
      st.m.required = true;
      return '';
    }
    return `unexpected key '${key}' for mount type '${st.m.type}'`;
  }
  return null;
}

/** A boolean-valued key. */
function boolField(st: MountState, key: string, value: string): string {
  const b = parseGoBool(value);
  if (b === null) return `invalid value for ${key}: ${value}`;
  if (key === 'required') {
    if (st.m.type !== 'secret' && st.m.type !== 'ssh')
      return `unexpected key '${key}' for mount type '${st.m.type}'`;
    st.m.required = b;
    return '';
  }
  st.m.readOnly = key === 'readonly' || key === 'ro' ? b : !b;
  st.roAuto = false;
  return '';
}

/** A numeric key (mode in octal, uid/gid in decimal). */
function numberField(st: MountState, key: 'mode' | 'uid' | 'gid', value: string): string {
  const r = parseGoUint(value, key === 'mode' ? 8 : 10, 32);
  if (!r.ok) return `invalid value ${value} for ${key}`;
  st.m[key] = r.value;
  return '';
}

/** Apply one `key=value` field; returns an error message or ''. */
function applyField(st: MountState, key: string, value: string, field: string): string {
  switch (key) {
    case 'type':
      if (!MOUNT_TYPES.includes(value.toLowerCase())) {
        return suggest(`unsupported mount type "${value}"`, value, MOUNT_TYPES, true);
      }
      st.m.type = value.toLowerCase();
      return '';
    case 'from':
      st.m.from = value;
      return '';
    case 'source':
    case 'src':
      st.m.source = value;
      return '';
    case 'target':
    case 'dst':
    case 'destination':
      st.m.target = value;
      return '';
    case 'readonly':
    case 'ro':
    case 'readwrite':
    case 'rw':
    case 'required':
      return boolField(st, key, value);
    case 'id':
      st.m.id = value;
      return '';
    case 'sharing':
      if (!SHARING.includes(value.toLowerCase())) return `unsupported sharing value "${value}"`;
      st.m.sharing = value.toLowerCase();
      return '';
    case 'mode':
    case 'uid':
    case 'gid':
      return numberField(st, key, value);
    default:
      return suggest(`unexpected key '${key}' in '${field}'`, key, ALL_KEYS, true);
  }
}

/** The checks after all fields are read. */
function validateMount(st: MountState): string {
  const m = st.m;
  const fileInfoAllowed = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
  if (m.mode !== null && !fileInfoAllowed) return `mode not allowed for "${m.type}" type mounts`;
  if (m.uid !== null && !fileInfoAllowed) return `uid not allowed for "${m.type}" type mounts`;
  if (m.gid !== null && !fileInfoAllowed) return `gid not allowed for "${m.type}" type mounts`;
  if (st.roAuto) m.readOnly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (m.sharing !== null && m.type !== 'cache') return `invalid cache sharing set for ${m.type} mount`;
  if (m.type === 'secret') {
    if (m.from !== null) return 'secret mount should not have a from';
    if (m.sharing !== null) return 'secret mount should not define sharing';
    if (m.source === null && m.target === null && m.id === null) {
      return 'invalid secret mount. one of source, target required';
    }
    if (m.source !== null && m.id !== null) return "both source and id can't be set";
  }
  return '';
}

/** Run one field through the optional expander and apply it. */
function processField(st: MountState, field: string, expander: ((word: string) => string) | null): string {
  const eq = field.indexOf('=');
  const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
  if (eq < 0) {
    const handled = keyOnly(st, key);
    if (handled !== null) return handled;
    return `invalid field '${field}' must be a key=value pair`;
  }
  let value = field.slice(eq + 1);
  if (expander) value = expander(value);
  else if (key === 'from') {
    if (/\$./u.test(value)) return `'${key}' doesn't support variable expansion, define alias stage instead`;
  } else return '';
  return applyField(st, key, value, field);
}

/**
 * parseMount. Without `expander` this is BuildKit's parse-time pass (values other than `from` are not
 * interpreted); with one (identity is fine) every field is applied and validated. The expander may throw.
 */
export function parseMount(
  value: string,
  expander: ((word: string) => string) | null = (w) => w,
): MountResult {
  const fields = readCsvRecord(value);
  if (typeof fields === 'string') return { ok: false, error: `failed to parse csv mounts: ${fields}` };
  const st: MountState = { m: defaultMount(), roAuto: true };
  for (const field of fields) {
    const err = processField(st, field, expander);
    if (err !== '') return { ok: false, error: err };
  }
  const err = validateMount(st);
  return err === '' ? { ok: true, mount: st.m } : { ok: false, error: err };
}
