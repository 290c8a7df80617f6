import { parse } from 'yaml';
import { parseQuiz } from '../grading/quiz.ts';
import type { Quiz } from '../schemas/quiz.ts';

// Bundled into the server only: pages import the public view, computed at build time.
const files = import.meta.glob<string>('/exercises/quizzes/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

let cache: Map<string, Quiz> | undefined;

/** Every quiz, validated once; an invalid file stops the build or the server with its message. */
export function quizzes(): Map<string, Quiz> {
  if (!cache) {
    cache = new Map();
    for (const [path, text] of Object.entries(files)) {
      const parsed = parseQuiz(parse(text), path);
      if (!parsed.ok) throw new Error(parsed.error);
      const expected = path
        .split('/')
        .pop()
        ?.replace(/\.yaml$/, '');
      if (parsed.quiz.id !== expected)
        throw new Error(`${path}: the id "${parsed.quiz.id}" must match the file name`);
      cache.set(parsed.quiz.id, parsed.quiz);
    }
  }
  return cache;
}
