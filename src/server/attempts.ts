import type { QuizAttempt } from '../grading/quiz-attempt.ts';

const MAX_ATTEMPTS = 20_000;
const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Quiz attempts, in this process's memory, oldest dropped first: a restart forgets them and the
 * learner starts a new attempt. Keeping them in the database comes with accounts.
 */
class AttemptStore {
  private readonly attempts = new Map<string, QuizAttempt>();

  create(quiz: string, version: number, now = Date.now()): QuizAttempt {
    const id = crypto.randomUUID();
    const attempt: QuizAttempt = {
      id,
      quiz,
      version,
      seed: id,
      startedAt: now,
      tries: {},
      scores: {},
      settled: [],
    };
    if (this.attempts.size >= MAX_ATTEMPTS) this.attempts.delete(this.attempts.keys().next().value as string);
    this.attempts.set(id, attempt);
    return attempt;
  }

  get(id: string, now = Date.now()): QuizAttempt | undefined {
    const attempt = this.attempts.get(id);
    if (attempt && now - attempt.startedAt > TTL_MS) {
      this.attempts.delete(id);
      return undefined;
    }
    return attempt;
  }
}

export const attempts = new AttemptStore();
