import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { PublicQuestion, PublicQuiz } from '../grading/quiz-public';
import ConfirmButton from '../lab/ConfirmButton';
import InlineText from '../lab/InlineText';
import { recordInBrowser } from '../progress/browser-store';
import { fillPlaceholders } from '../utils/fill-placeholders';
import { postJson } from '../utils/post-json';
import { shuffle } from '../utils/shuffle';

type Locale = 'en' | 'zh-cn';
type Localized = Record<Locale, string>;
type Answer =
  | { choice: string }
  | { choices: string[] }
  | { value: boolean }
  | { order: string[] }
  | { pairs: Record<string, string> }
  | { number: number }
  | { text: string };

interface Solution {
  explanation: Localized;
  answer: Answer;
}

/** What the server said about one question. */
interface Verdict {
  correct: boolean;
  score: number;
  triesLeft?: number;
  feedback: Localized[];
  solution?: Solution;
}

export interface QuizLabels {
  quiz: string;
  practice: string;
  assessment: string;
  check: string;
  submit: string;
  newAttempt: string;
  correct: string;
  partly: string;
  wrong: string;
  triesLeft: string;
  answerWas: string;
  score: string;
  moveUp: string;
  moveDown: string;
  choose: string;
  true: string;
  false: string;
  unavailable: string;
  hidden: string;
  revealAt: string;
  yourAnswer: string;
  /** Beside Submit: how many questions have an answer ({n} of {total}). */
  answered: string;
  /** Asked before submitting with questions left blank ({n}), and the two answers. */
  unanswered: string;
  submitAnyway: string;
  keepAnswering: string;
  /** Which attempt at an assignment this is: {n} of {max}, or {n} when attempts are not limited. */
  attemptOf: string;
  attemptN: string;
}

export interface QuizPanelProps {
  quiz: PublicQuiz;
  lang: Locale;
  labels: QuizLabels;
  /** An assignment this quiz is answered for: all answers go, once per attempt, to its submissions. */
  assignment?: string | undefined;
  /**
   * The assignment's next attempt: its number, the seed the server drew `quiz` from, and how many
   * attempts the assignment allows (null: any number).
   */
  graded?: { seed: string; attempt: number; max: number | null } | undefined;
}

interface Saved {
  attempt: string;
  seed: string;
  version: number;
  /** The questions this attempt drew, when the server drew them after the page was built. */
  questions?: PublicQuestion[];
  answers: Record<string, Answer>;
  verdicts: Record<string, Verdict>;
  /** The score once submitted. */
  total?: number;
  revealAt?: number;
  /** The idempotency key of a submission not yet acknowledged: a retry sends the same one. */
  pending?: string;
  /** Practice: the answer last checked for each question, so an unchanged one is not checked twice. */
  checked?: Record<string, string>;
}

/** The answer a learner has given so far is complete enough to send. */
function complete(q: PublicQuestion, a: Answer | undefined): a is Answer {
  if (!a) return false;
  if ('choices' in a) return a.choices.length > 0;
  if ('pairs' in a) return q.type === 'matching' && q.items.every((i) => a.pairs[i.id]);
  if ('text' in a) return a.text.trim() !== '';
  if ('number' in a) return Number.isFinite(a.number);
  return true;
}

function Choices({
  q,
  order,
  answer,
  disabled,
  solution,
  onChange,
}: {
  q: Extract<PublicQuestion, { type: 'single' | 'multiple' }>;
  order: string[];
  answer: Answer | undefined;
  disabled: boolean;
  solution?: Answer;
  onChange(a: Answer): void;
}) {
  const chosen =
    answer && 'choice' in answer ? [answer.choice] : answer && 'choices' in answer ? answer.choices : [];
  const right =
    solution && 'choice' in solution
      ? [solution.choice]
      : solution && 'choices' in solution
        ? solution.choices
        : [];
  return (
    <ul className="quiz-options">
      {order.map((id) => {
        const option = q.options.find((o) => o.id === id);
        if (!option) return null;
        const checked = chosen.includes(id);
        return (
          <li key={id} data-right={solution ? right.includes(id) : undefined}>
            <label>
              <input
                type={q.type === 'single' ? 'radio' : 'checkbox'}
                name={`${q.id}`}
                checked={checked}
                disabled={disabled}
                onChange={() =>
                  onChange(
                    q.type === 'single'
                      ? { choice: id }
                      : { choices: checked ? chosen.filter((c) => c !== id) : [...chosen, id] },
                  )
                }
              />{' '}
              <InlineText text={option.text} />
              {solution && right.includes(id) ? <span className="quiz-mark"> ✓</span> : null}
            </label>
          </li>
        );
      })}
    </ul>
  );
}

function QuestionInput({
  q,
  seed,
  answer,
  disabled,
  solution,
  labels,
  onChange,
}: {
  q: PublicQuestion;
  seed: string;
  answer: Answer | undefined;
  disabled: boolean;
  solution?: Answer;
  labels: QuizLabels;
  onChange(a: Answer): void;
}) {
  const salt = `${seed}/${q.id}`;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return (
        <Choices
          q={q}
          order={shuffle(
            q.options.map((o) => o.id),
            salt,
          )}
          answer={answer}
          disabled={disabled}
          {...(solution ? { solution } : {})}
          onChange={onChange}
        />
      );
    case 'true-false': {
      const value = answer && 'value' in answer ? answer.value : undefined;
      return (
        <ul className="quiz-options">
          {[true, false].map((v) => (
            <li
              key={String(v)}
              data-right={solution && 'value' in solution ? solution.value === v : undefined}
            >
              <label>
                <input
                  type="radio"
                  name={q.id}
                  checked={value === v}
                  disabled={disabled}
                  onChange={() => onChange({ value: v })}
                />{' '}
                {v ? labels.true : labels.false}
                {solution && 'value' in solution && solution.value === v ? (
                  <span className="quiz-mark"> ✓</span>
                ) : null}
              </label>
            </li>
          ))}
        </ul>
      );
    }
    case 'ordering': {
      const order =
        answer && 'order' in answer
          ? answer.order
          : shuffle(
              q.items.map((i) => i.id),
              salt,
            );
      const move = (from: number, to: number) => {
        const next = [...order];
        const [id] = next.splice(from, 1);
        next.splice(to, 0, id as string);
        onChange({ order: next });
      };
      return (
        <>
          <ol className="quiz-order">
            {order.map((id, i) => {
              const item = q.items.find((x) => x.id === id);
              return (
                <li key={id}>
                  <InlineText text={item?.text ?? id} />{' '}
                  <button
                    type="button"
                    disabled={disabled || i === 0}
                    aria-label={`${labels.moveUp}: ${item?.text}`}
                    onClick={() => move(i, i - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={disabled || i === order.length - 1}
                    aria-label={`${labels.moveDown}: ${item?.text}`}
                    onClick={() => move(i, i + 1)}
                  >
                    ↓
                  </button>
                </li>
              );
            })}
          </ol>
          {solution && 'order' in solution ? (
            <p className="quiz-solution">
              {labels.answerWas}{' '}
              {solution.order.map((id) => q.items.find((x) => x.id === id)?.text ?? id).join(' → ')}
            </p>
          ) : null}
        </>
      );
    }
    case 'matching': {
      const pairs = answer && 'pairs' in answer ? answer.pairs : {};
      const items = shuffle(q.items, salt);
      return (
        <table className="quiz-matching">
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <InlineText text={item.text} />
                </th>
                <td>
                  <select
                    aria-label={item.text}
                    value={pairs[item.id] ?? ''}
                    disabled={disabled}
                    onChange={(e) => onChange({ pairs: { ...pairs, [item.id]: e.currentTarget.value } })}
                  >
                    <option value="">{labels.choose}</option>
                    {q.targets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.text}
                      </option>
                    ))}
                  </select>
                  {solution && 'pairs' in solution ? (
                    <span className="quiz-solution">
                      {' '}
                      {solution.pairs[item.id] === pairs[item.id] ? '✓' : '✗'}{' '}
                      {q.targets.find((t) => t.id === solution.pairs[item.id])?.text}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'numeric':
      return (
        <p className="quiz-field">
          <input
            type="number"
            step="any"
            aria-label={labels.yourAnswer}
            value={answer && 'number' in answer && Number.isFinite(answer.number) ? answer.number : ''}
            disabled={disabled}
            onChange={(e) => onChange({ number: e.currentTarget.valueAsNumber })}
          />{' '}
          {q.unit}
          {solution && 'number' in solution ? (
            <span className="quiz-solution">
              {' '}
              {labels.answerWas} {solution.number} {q.unit}
            </span>
          ) : null}
        </p>
      );
    case 'text':
    case 'command':
      return (
        <p className="quiz-field">
          <input
            type="text"
            className={q.type === 'command' ? 'quiz-command' : undefined}
            aria-label={labels.yourAnswer}
            spellCheck={false}
            autoCapitalize="off"
            value={answer && 'text' in answer ? answer.text : ''}
            disabled={disabled}
            onChange={(e) => onChange({ text: e.currentTarget.value })}
          />
          {solution && 'text' in solution ? (
            <span className="quiz-solution">
              {' '}
              {labels.answerWas} <code>{solution.text}</code>
            </span>
          ) : null}
        </p>
      );
  }
}

/**
 * A quiz: practice checks one question at a time on the server; assessment submits all answers once.
 * The page never holds the key: right answers arrive from the server only once a question is settled.
 */
export default function QuizPanel({ quiz, lang, labels, assignment, graded }: QuizPanelProps) {
  const storageKey = assignment ? `quayside:assignment:${assignment}` : `quayside:quiz:${quiz.id}`;
  const [saved, setSaved] = useState<Saved | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const practice = quiz.mode === 'practice' && !assignment;

  const start = async () => {
    setError('');
    if (assignment) {
      // The server drew this page's questions for the next attempt.
      setSaved({
        attempt: assignment,
        seed: graded?.seed ?? assignment,
        version: quiz.version,
        answers: {},
        verdicts: {},
      });
      return;
    }
    const created = await postJson<{ attempt: string; seed: string; version: number; quiz: PublicQuiz }>(
      `/api/quizzes/${quiz.id}/attempts`,
      { lang },
    );
    if (!created.ok) {
      // The server's own refusal (say, while the quiz is assigned in a class) says why; only an
      // unreachable server needs explaining.
      setError(created.status === 0 ? `${labels.unavailable} (${created.error})` : created.error);
      return;
    }
    const { quiz: drawn, ...attempt } = created.value;
    setSaved({ ...attempt, questions: drawn.questions, answers: {}, verdicts: {} });
  };
  const questions = saved?.questions ?? quiz.questions;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on mount
  useEffect(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Saved | null;
      // An assignment's answers belong to the attempt the page was drawn for.
      if (stored && stored.version === quiz.version && (!graded || stored.seed === graded.seed)) {
        setSaved(stored);
        return;
      }
    } catch {
      // A damaged entry is replaced by a fresh attempt.
    }
    void start();
  }, []);

  // Kept before the browser paints what changed, so a reload right after a verdict shows keeps it.
  useLayoutEffect(() => {
    if (saved) localStorage.setItem(storageKey, JSON.stringify(saved));
  }, [saved, storageKey]);

  const setAnswer = (id: string, a: Answer) =>
    setSaved((s) => (s ? { ...s, answers: { ...s.answers, [id]: a } } : s));

  const restartOnExpiry = (message: string) => {
    setError(message);
    if (/no such attempt|changed since/.test(message)) localStorage.removeItem(storageKey);
  };

  const check = async (q: PublicQuestion) => {
    if (!saved) return;
    const answer = saved.answers[q.id];
    if (!complete(q, answer)) return;
    setBusy(true);
    const result = await postJson<Verdict>(`/api/quizzes/${quiz.id}/check`, {
      attempt: saved.attempt,
      question: q.id,
      answer,
    });
    setBusy(false);
    if (!result.ok) return restartOnExpiry(result.error);
    setError('');
    // Every question settled: the quiz is finished, and this browser keeps its score.
    const verdicts = { ...saved.verdicts, [q.id]: result.value };
    if (questions.every((question) => verdicts[question.id]?.solution))
      recordInBrowser({
        kind: 'quiz',
        id: quiz.id,
        score:
          questions.reduce((sum, question) => sum + (verdicts[question.id]?.score ?? 0), 0) /
          questions.length,
        done: true,
      });
    setSaved((s) =>
      s
        ? {
            ...s,
            verdicts: { ...s.verdicts, [q.id]: result.value },
            checked: { ...s.checked, [q.id]: JSON.stringify(answer) },
          }
        : s,
    );
  };

  const submit = async () => {
    if (!saved) return;
    setBusy(true);
    const answers: Record<string, Answer> = {};
    for (const q of questions) {
      const a = saved.answers[q.id];
      if (complete(q, a)) answers[q.id] = a;
    }
    if (assignment) {
      const sent = await submitToAssignment(assignment, answers);
      if (!sent.ok) {
        setBusy(false);
        return restartOnExpiry(sent.error);
      }
      // The assignment's page shows the graded attempt as far as the learner may see it now, and
      // offers the next attempt when one is left.
      localStorage.removeItem(storageKey);
      location.assign(location.pathname);
      return;
    }
    const result = await submitAttempt(answers);
    setBusy(false);
    if (!result.ok) return restartOnExpiry(result.error);
    setError('');
    recordInBrowser({ kind: 'quiz', id: quiz.id, score: result.value.score, done: true });
    const verdicts = Object.fromEntries((result.value.questions ?? []).map((v) => [v.id, v]));
    setSaved((s) =>
      s
        ? {
            ...s,
            verdicts,
            total: result.value.score,
            ...(result.value.revealAt ? { revealAt: result.value.revealAt } : {}),
          }
        : s,
    );
  };

  type Submitted = {
    score: number;
    questions?: (Verdict & { id: string })[];
    revealAt?: number;
  };

  const submitAttempt = (answers: Record<string, Answer>) =>
    postJson<Submitted>(`/api/quizzes/${quiz.id}/submit`, { attempt: saved?.attempt, answers });

  /** Sends the answers with a key kept until the server acknowledges them, so a retry never counts twice. */
  const submitToAssignment = (id: string, answers: Record<string, Answer>) => {
    const key = saved?.pending ?? crypto.randomUUID();
    setSaved((s) => (s ? { ...s, pending: key } : s));
    return postJson(`/api/assignments/${id}/submissions`, {
      idempotencyKey: key,
      evidence: graded ? { answers, attempt: graded.attempt } : { answers },
    });
  };

  const scored = useMemo(
    () => (saved ? Object.values(saved.verdicts).reduce((sum, v) => sum + v.score, 0) : 0),
    [saved],
  );
  const submitted = saved?.total !== undefined;
  const answered = questions.filter((q) => complete(q, saved?.answers[q.id])).length;

  return (
    <section className="quiz not-content" aria-label={`${labels.quiz}: ${quiz.title}`}>
      <p className="quiz-head">
        <strong>{quiz.title}</strong> ·{' '}
        {practice ? fillPlaceholders(labels.practice, { tries: quiz.tries }) : labels.assessment}
        {graded ? (
          <>
            {' · '}
            <span className="quiz-attempt">
              {graded.max === null
                ? fillPlaceholders(labels.attemptN, { n: graded.attempt })
                : fillPlaceholders(labels.attemptOf, { n: graded.attempt, max: graded.max })}
            </span>
          </>
        ) : null}
      </p>
      {error ? (
        <p className="quiz-error" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="quiz-questions">
        {questions.map((q, index) => {
          const verdict = saved?.verdicts[q.id];
          const settled = practice ? Boolean(verdict?.solution) : submitted;
          return (
            <li key={q.id} className="quiz-question" data-question={q.id}>
              <fieldset disabled={!saved || busy}>
                <legend>
                  {index + 1}. <InlineText text={q.prompt} />
                </legend>
                <QuestionInput
                  q={q}
                  seed={saved?.seed ?? quiz.id}
                  answer={saved?.answers[q.id]}
                  disabled={settled}
                  {...(verdict?.solution ? { solution: verdict.solution.answer } : {})}
                  labels={labels}
                  onChange={(a) => setAnswer(q.id, a)}
                />
                {practice && !settled ? (
                  <button
                    type="button"
                    className="quiz-check"
                    disabled={
                      !complete(q, saved?.answers[q.id]) ||
                      // An unchanged wrong answer would only spend a try.
                      saved?.checked?.[q.id] === JSON.stringify(saved?.answers[q.id])
                    }
                    onClick={() => void check(q)}
                  >
                    {labels.check}
                  </button>
                ) : null}
              </fieldset>
              {verdict ? (
                <div className="quiz-verdict" role="status" data-correct={verdict.correct}>
                  <p>
                    <strong>
                      {verdict.correct ? labels.correct : verdict.score > 0 ? labels.partly : labels.wrong}
                    </strong>
                    {practice && !settled && verdict.triesLeft !== undefined
                      ? ` ${fillPlaceholders(labels.triesLeft, { n: verdict.triesLeft })}`
                      : null}
                  </p>
                  {verdict.feedback.map((f) => (
                    <p key={f.en}>
                      <InlineText text={f[lang]} />
                    </p>
                  ))}
                  {verdict.solution ? (
                    <p className="quiz-explanation">
                      <InlineText text={verdict.solution.explanation[lang]} />
                    </p>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="quiz-foot">
        {!practice && !submitted ? (
          <>
            <span className="quiz-progress">
              {fillPlaceholders(labels.answered, { n: answered, total: questions.length })}
            </span>
            <ConfirmButton
              className="quiz-submit"
              label={labels.submit}
              question={
                answered < questions.length
                  ? fillPlaceholders(labels.unanswered, { n: questions.length - answered })
                  : undefined
              }
              yes={labels.submitAnyway}
              no={labels.keepAnswering}
              disabled={!saved || busy}
              onConfirm={() => void submit()}
            />
          </>
        ) : null}
        {practice || submitted ? (
          <span className="quiz-score" role="status">
            {fillPlaceholders(labels.score, {
              score: Math.round((practice ? scored : (saved?.total ?? 0) * questions.length) * 100) / 100,
              total: questions.length,
            })}
          </span>
        ) : null}
        {submitted && saved?.revealAt ? (
          <span>
            {' '}
            {fillPlaceholders(labels.revealAt, { date: new Date(saved.revealAt).toLocaleString(lang) })}
          </span>
        ) : submitted && Object.keys(saved?.verdicts ?? {}).length === 0 ? (
          <span> {labels.hidden}</span>
        ) : null}{' '}
        {assignment ? null : (
          <button type="button" className="quiz-restart" disabled={busy} onClick={() => void start()}>
            {labels.newAttempt}
          </button>
        )}
      </div>
    </section>
  );
}
