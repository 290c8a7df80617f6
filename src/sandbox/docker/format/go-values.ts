/**
 * Marks that tell the Go template engine (template.ts) how a plain object behaves in Go: a map or a
 * struct, and the struct's type name for error messages. Kept apart from the engine, which the
 * sandbox loads only when a command first formats with a template.
 */

export const GO_KIND = Symbol('goKind');
export type Marked = { [GO_KIND]?: { kind: 'map' | 'struct'; type?: string } };

/** Marks an object as a Go map (sorted `map[k:v]` printing, missing keys are `<no value>`). */
export function goMap<T extends object>(obj: T, type?: string): T {
  Object.defineProperty(obj, GO_KIND, { value: { kind: 'map', type }, enumerable: false });
  return obj;
}

/** Marks an object as a Go struct, optionally with its Go type name for error messages. */
export function goStruct<T extends object>(obj: T, type?: string): T {
  Object.defineProperty(obj, GO_KIND, { value: { kind: 'struct', type }, enumerable: false });
  return obj;
}

/**
 * Gives an object a Go method: a template calls it with arguments (`{{.Label "com.example"}}`),
 * and, as in Go, encoding/json leaves it out (it is not enumerable).
 */
export function goMethod<T extends object>(obj: T, name: string, method: (...args: never[]) => unknown): T {
  Object.defineProperty(obj, name, { value: method, enumerable: false });
  return obj;
}
