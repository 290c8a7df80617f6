import type { APIRoute } from 'astro';
import { applyLatePenalty, daysLate } from '../../../../../grading/policy.ts';
import { submissionRequest } from '../../../../../schemas/assignment.ts';
import { gradeEvidence, scoreVisible, visibleResult } from '../../../../../server/assignment-grading.ts';
import { requireUser } from '../../../../../server/auth/current.ts';
import { database } from '../../../../../server/db/open.ts';
import { json, problem, readValid, tooMany } from '../../../../../server/json.ts';
import { oweScore } from '../../../../../server/lti/scores.ts';
import { assignmentForLearner } from '../../../../../server/queries/assignments.ts';
import { solutionsViewed } from '../../../../../server/queries/solutions.ts';
import {
  attemptsOf,
  attemptsUsed,
  recordSubmission,
  type Submission,
  submissionByKey,
} from '../../../../../server/queries/submissions.ts';
import { RateLimiter } from '../../../../../server/rate-limit.ts';

export const prerender = false;

/** Per learner: enough for retries and a class's worth of honest work, too few to grind the grader. */
const limiter = new RateLimiter('submit', 20, 1 / 10);

/**
 * A learner submits evidence for an assignment. The server grades it, applies the late policy and
 * stores it as the next attempt; the response is sent only once it is stored. A retry with the same
 * idempotency key returns the stored submission instead of counting again.
 */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, submissionRequest);
  if (!body.ok) return body.response;
  const { user } = signedIn;
  const db = await database();
  const id = context.params.id;
  const assignment = await assignmentForLearner(db, user.id, id);
  if (!assignment) return problem(404, 'no such assignment in your classes');
  const now = Date.now();
  const respond = (
    status: number,
    s: Pick<Submission, 'attempt' | 'score' | 'daysLate' | 'finalScore' | 'result' | 'submittedAt'>,
  ) =>
    json(status, {
      attempt: s.attempt,
      daysLate: s.daysLate,
      submittedAt: s.submittedAt,
      ...(scoreVisible(assignment, now, assignment.closesAt)
        ? { score: s.score, finalScore: s.finalScore }
        : {}),
      ...visibleResult(assignment, s.result, now, assignment.closesAt),
    });

  const earlier = await submissionByKey(db, user.id, body.value.idempotencyKey);
  if (earlier) {
    if (earlier.assignmentId !== assignment.id)
      return problem(409, 'this idempotency key was used for another assignment');
    return respond(200, earlier);
  }
  if (new Date(assignment.opensAt).getTime() > now)
    return problem(403, `this assignment opens at ${new Date(assignment.opensAt).toISOString()}`);
  // Cheap refusals before the replay: attempts spent, then the learner's rate.
  const used = await attemptsUsed(db, assignment.id, user.id);
  if (assignment.maxAttempts !== null && used >= assignment.maxAttempts)
    return problem(409, `all ${used} attempts allowed for this assignment are used`);
  const wait = await limiter.take(user.id);
  if (wait > 0) return tooMany(wait, 'too many submissions too quickly');
  const viewed =
    assignment.kind === 'exercise' ? await solutionsViewed(db, user.id, assignment.contentId) : [];
  const graded = await gradeEvidence(assignment, body.value.evidence, {
    learner: user.id,
    attempt: used + 1,
    solutionsViewed: viewed,
  });
  if (!graded.ok) return problem(graded.status, graded.error);
  const due = assignment.effectiveDueAt ? new Date(assignment.effectiveDueAt).getTime() : undefined;
  const late = daysLate(now, due);
  const recorded = await recordSubmission(db, {
    assignmentId: assignment.id,
    userId: user.id,
    key: body.value.idempotencyKey,
    maxAttempts: assignment.maxAttempts,
    score: graded.score,
    daysLate: late,
    finalScore: applyLatePenalty(graded.score, late, {
      percentPerDay: assignment.latePercentPerDay,
      floorPercent: assignment.lateFloorPercent,
    }),
    result: graded.result,
    evidence: body.value.evidence,
  });
  if (!recorded.ok) return problem(409, `all ${recorded.used} attempts allowed for this assignment are used`);
  if (!recorded.duplicate) await oweScore(db, assignment.id, user.id, `submission:${recorded.submission.id}`);
  return respond(recorded.duplicate ? 200 : 201, recorded.submission);
};

/** The signed-in learner's own attempts at this assignment. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  const db = await database();
  const id = context.params.id;
  const assignment = await assignmentForLearner(db, signedIn.user.id, id);
  const attempts = assignment
    ? await attemptsOf(db, signedIn.user.id, assignment.id, signedIn.user.id)
    : undefined;
  if (!assignment || !attempts) return problem(404, 'no such assignment in your classes');
  const now = Date.now();
  return json(200, {
    assignment,
    attempts: attempts.map(({ evidence: _, result, score, finalScore, ...s }) => ({
      ...s,
      ...(scoreVisible(assignment, now, assignment.closesAt) ? { score, finalScore } : {}),
      ...visibleResult(assignment, result, now, assignment.closesAt),
    })),
  });
};
