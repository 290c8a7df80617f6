import type { Answer, Quiz } from '../schemas/quiz.ts';

/** One learner's graded attempt at a quiz: their answers and each question's score. */
export interface ScoredAttempt {
  answers: Record<string, Answer>;
  scores: Record<string, number>;
}

export interface QuestionStats {
  id: string;
  /** How many attempts answered it. */
  answered: number;
  /** Mean score, 0 to 1: the share of the marks learners got (high means easy). */
  facility: number | null;
  /**
   * Corrected item–total correlation (−1 to 1): whether learners who did well on the rest of the
   * quiz did well here. Near 0 or negative flags a question that may be ambiguous or wrong.
   */
  discrimination: number | null;
  /** For choice questions: how often each option was picked, right ones included. */
  picks?: Record<string, number>;
}

function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Per-question statistics over a set of attempts (one per learner is the usual choice). */
export function questionStats(quiz: Quiz, attempts: readonly ScoredAttempt[]): QuestionStats[] {
  const totals = attempts.map((a) => quiz.questions.reduce((sum, q) => sum + (a.scores[q.id] ?? 0), 0));
  return quiz.questions.map((q) => {
    const item = attempts.map((a) => a.scores[q.id] ?? 0);
    const rest = totals.map((t, i) => t - (item[i] as number));
    const stats: QuestionStats = {
      id: q.id,
      answered: attempts.filter((a) => a.answers[q.id] !== undefined).length,
      facility: attempts.length === 0 ? null : item.reduce((a, b) => a + b, 0) / attempts.length,
      discrimination: pearson(item, rest),
    };
    if (q.type === 'single' || q.type === 'multiple') {
      const picks: Record<string, number> = Object.fromEntries(q.options.map((o) => [o.id, 0]));
      for (const a of attempts) {
        const given = a.answers[q.id];
        const chosen =
          given && 'choice' in given ? [given.choice] : given && 'choices' in given ? given.choices : [];
        for (const id of chosen) if (id in picks) picks[id] = (picks[id] as number) + 1;
      }
      stats.picks = picks;
    }
    return stats;
  });
}
