import type { APIRoute } from 'astro';
import { questionStats, type ScoredAttempt } from '../../../../grading/stats.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { json, problem } from '../../../../server/json.ts';
import { assignmentForInstructor } from '../../../../server/queries/assignments.ts';
import { latestAttempts } from '../../../../server/queries/submissions.ts';
import { quizzes } from '../../../../server/quizzes.ts';

export const prerender = false;

/** Per-question statistics of a quiz assignment over each learner's latest attempt. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const db = await database();
  const id = context.params.id;
  const assignment = await assignmentForInstructor(db, signedIn.user.id, id);
  if (!assignment) return problem(404, 'no such assignment among yours');
  const quiz = assignment.kind === 'quiz' ? quizzes().get(assignment.contentId) : undefined;
  if (!quiz) return problem(409, 'statistics are kept for quiz assignments only');
  const attempts: ScoredAttempt[] = (await latestAttempts(db, signedIn.user.id, assignment.id)).map((row) => {
    const evidence = row.evidence as { answers?: ScoredAttempt['answers'] };
    const result = row.result as { questions?: { id: string; score: number }[] };
    return {
      answers: evidence.answers ?? {},
      scores: Object.fromEntries((result.questions ?? []).map((q) => [q.id, q.score])),
    };
  });
  return json(200, { learners: attempts.length, questions: questionStats(quiz, attempts) });
};
