import { parse } from 'yaml';
import { parseExercise } from '../grading/exercises.ts';
import type { Exercise } from '../schemas/exercise.ts';

// Bundled into the server at build time: the files need not exist beside the running server.
const files = import.meta.glob<string>('/exercises/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

let cache: Map<string, Exercise> | undefined;

/** Every exercise, validated once; an invalid file stops the server with its message. */
export function exercises(): Map<string, Exercise> {
  if (!cache) {
    cache = new Map();
    for (const [path, text] of Object.entries(files)) {
      const parsed = parseExercise(parse(text), path);
      if (!parsed.ok) throw new Error(parsed.error);
      cache.set(parsed.exercise.id, parsed.exercise);
    }
  }
  return cache;
}
