import { parse } from 'yaml';
import { type RealMachineExercise, realMachineExercise } from '../schemas/real-machine.ts';

// Bundled at build time, like the simulated lab's exercises.
const files = import.meta.glob<string>('/exercises/real-machine/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

let cache: Map<string, RealMachineExercise> | undefined;

/** Every real-machine exercise, validated once; an invalid file stops the build with its message. */
export function realMachineExercises(): Map<string, RealMachineExercise> {
  if (!cache) {
    cache = new Map();
    for (const [path, text] of Object.entries(files)) {
      const parsed = realMachineExercise.safeParse(parse(text));
      if (!parsed.success)
        throw new Error(
          `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      const name = path
        .split('/')
        .at(-1)
        ?.replace(/\.yaml$/, '');
      if (name !== parsed.data.id) throw new Error(`${path}: the id must be the file's name (${name})`);
      cache.set(parsed.data.id, parsed.data);
    }
  }
  return cache;
}
