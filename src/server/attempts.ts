import type { QuizAttempt } from '../grading/quiz-attempt.ts';
import type { Queryable } from './db/database.ts';

/** How long an anonymous attempt lasts; after that the learner starts a new one. */
const TTL_MS = 24 * 60 * 60 * 1000;

interface AttemptRow {
  id: string;
  quiz: string;
  version: number;
  seed: string;
  started_at: Date | string;
  state: Pick<QuizAttempt, 'tries' | 'scores' | 'settled' | 'submittedAt' | 'checked'>;
}

const fromRow = (row: AttemptRow): QuizAttempt => ({
  id: row.id,
  quiz: row.quiz,
  version: row.version,
  seed: row.seed,
  startedAt: new Date(row.started_at).getTime(),
  ...row.state,
});

const stateOf = ({ tries, scores, settled, submittedAt, checked }: QuizAttempt) =>
  JSON.stringify({
    tries,
    scores,
    settled,
    ...(checked === undefined ? {} : { checked }),
    ...(submittedAt === undefined ? {} : { submittedAt }),
  });

/**
 * Starts a quiz attempt, kept in the database so that any app process can take its next request
 * and a restart loses nothing.
 */
export async function createAttempt(
  db: Queryable,
  quiz: string,
  version: number,
  now = Date.now(),
): Promise<QuizAttempt> {
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
  await db.query(
    'insert into quiz_attempts (id, quiz, version, seed, started_at, state) values ($1, $2, $3, $4, $5, $6)',
    [id, quiz, version, attempt.seed, new Date(now), stateOf(attempt)],
  );
  if (Math.random() < 0.01)
    await db.query('delete from quiz_attempts where started_at < $1', [new Date(now - TTL_MS)]);
  return attempt;
}

/**
 * Loads an attempt, locked for this transaction, lets `change` update it and stores the result:
 * two checks racing on one attempt cannot both spend its last try. Undefined when there is no such
 * attempt or it has expired.
 */
export async function updateAttempt<T>(
  tx: Queryable,
  id: string,
  change: (attempt: QuizAttempt) => T,
  now = Date.now(),
): Promise<{ value: T } | undefined> {
  const [row] = await tx.query<AttemptRow>(
    'select id, quiz, version, seed, started_at, state from quiz_attempts where id = $1 and started_at > $2 for update',
    [id, new Date(now - TTL_MS)],
  );
  if (!row) return undefined;
  const attempt = fromRow(row);
  const value = change(attempt);
  await tx.query('update quiz_attempts set state = $2 where id = $1', [id, stateOf(attempt)]);
  return { value };
}
