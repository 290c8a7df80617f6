/** What a course page asks a learner to do: its graded exercises (labs and the real machine) and quizzes. */
export interface PageActivities {
  exercises: string[];
  quizzes: string[];
}

// `exercise="…"` is only ever an attribute of <Lab> or <RealMachine>; ids are kebab-case.
const EXERCISE = /\bexercise="([a-z0-9-]+)"/g;
const QUIZ = /<Quiz\s+id="([a-z0-9-]+)"/g;

/**
 * The activities a lesson's MDX embeds, in page order, each once. A lesson is done when all of them
 * are: every exercise fully passed and every quiz finished.
 */
export function pageActivities(mdx: string): PageActivities {
  const ids = (pattern: RegExp) => [...new Set([...mdx.matchAll(pattern)].map((m) => m[1] as string))];
  return { exercises: ids(EXERCISE), quizzes: ids(QUIZ) };
}
