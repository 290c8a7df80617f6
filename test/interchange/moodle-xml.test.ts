import { describe, expect, it } from 'vitest';
import { gradeQuestion } from '../../src/grading/quiz';
import type { Locale } from '../../src/grading/quiz-public';
import { moodleXml } from '../../src/interchange/moodle-xml';
import { questionPools } from '../../src/interchange/pool';
import { plainText } from '../../src/interchange/xml';
import {
  type Answer,
  type Question,
  type QuestionForm,
  type Quiz,
  quiz as quizSchema,
} from '../../src/schemas/quiz';
import { quizzes } from '../../src/server/quizzes';
import { everyType } from '../grading/quiz-fixture';
import { HOSTILE, hostileQuiz } from './hostile-quiz';
import { all, one, parseXml, textOf, type XmlElement } from './xml-reader';

const LANGS: Locale[] = ['en', 'zh-cn'];

/** Moodle's grade options (question_bank::fraction_options_full), in percent: nothing else imports. */
const GRADES = [
  100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5,
  11.11111, 10, 5,
];
const inMoodleList = (percent: number) =>
  percent === 0 || GRADES.some((g) => Math.abs(Math.abs(percent) - g) < 0.001);

const children = (parent: XmlElement, name: string) =>
  parent.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
const field = (question: XmlElement, name: string) =>
  textOf(one(children(question, name)[0] as XmlElement, 'text'));
/** An HTML text as its reader sees it: the `<text>` decoded once, then read as markup. */
const htmlText = (node: XmlElement) => textOf(parseXml(`<html>${textOf(one(node, 'text'))}</html>`));
const fractions = (question: XmlElement) =>
  children(question, 'answer').map((a) => Number(a.attributes.fraction));

/** Checks that a Moodle question asks `form` in `lang` with its key, explanation and feedback. */
function expectQuestion(question: XmlElement, form: QuestionForm, lang: Locale): void {
  expect(htmlText(children(question, 'questiontext')[0] as XmlElement)).toBe(plainText(form.prompt[lang]));
  expect(htmlText(children(question, 'generalfeedback')[0] as XmlElement)).toBe(
    plainText(form.explanation[lang]),
  );
  const answers = children(question, 'answer');
  for (const f of fractions(question))
    if (question.attributes.type !== 'ordering') expect(inMoodleList(f), `${f}`).toBe(true);
  switch (form.type) {
    case 'single':
    case 'multiple': {
      expect(question.attributes.type).toBe('multichoice');
      expect(textOf(children(question, 'single')[0] as XmlElement)).toBe(String(form.type === 'single'));
      expect(answers.map(htmlText)).toEqual(form.options.map((o) => plainText(o.text[lang])));
      expect(answers.map((a) => children(a, 'feedback')[0]).map((f) => f && htmlText(f))).toEqual(
        form.options.map((o) => o.feedback && plainText(o.feedback[lang])),
      );
      const got = fractions(question);
      const positive = got.filter((f) => f > 0);
      // Right answers share 100%, and only right answers earn anything.
      expect(positive.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 3);
      expect(got.map((f) => f > 0)).toEqual(form.options.map((o) => o.correct));
      if (form.type === 'single') expect(got.filter((f) => f !== 0)).toEqual([100]);
      return;
    }
    case 'true-false':
      expect(question.attributes.type).toBe('truefalse');
      expect(answers.map((a) => [textOf(one(a, 'text')), Number(a.attributes.fraction)])).toEqual([
        ['true', form.answer ? 100 : 0],
        ['false', form.answer ? 0 : 100],
      ]);
      return;
    case 'ordering':
      expect(question.attributes.type).toBe('ordering');
      expect(textOf(children(question, 'gradingtype')[0] as XmlElement)).toBe('ALL_OR_NOTHING');
      expect(answers.map(htmlText)).toEqual(form.items.map((i) => plainText(i.text[lang])));
      expect(fractions(question)).toEqual(form.items.map((_, i) => i + 1));
      return;
    case 'matching': {
      expect(question.attributes.type).toBe('matching');
      const subquestions = children(question, 'subquestion').map((s) => [
        htmlText(s),
        textOf(one(children(s, 'answer')[0] as XmlElement, 'text')),
      ]);
      const target = (id: string) => plainText(form.targets.find((t) => t.id === id)?.text[lang] ?? '');
      const unmatched = form.targets.filter((t) => !form.items.some((i) => i.match === t.id));
      expect(subquestions).toEqual([
        ...form.items.map((i) => [plainText(i.text[lang]), target(i.match)]),
        ...unmatched.map((t) => ['', plainText(t.text[lang])]),
      ]);
      return;
    }
    case 'numeric':
      expect(question.attributes.type).toBe('numerical');
      expect(
        answers.map((a) => [
          Number(textOf(one(a, 'text'))),
          Number(textOf(one(a, 'tolerance'))),
          a.attributes.fraction,
        ]),
      ).toEqual([[form.answer, form.tolerance, '100']]);
      expect(all(question, 'unit_name').map(textOf)).toEqual(form.unit ? [form.unit] : []);
      return;
    case 'text':
    case 'command':
      expect(question.attributes.type).toBe('shortanswer');
      expect(textOf(children(question, 'usecase')[0] as XmlElement)).toBe('0');
      expect(answers.map((a) => textOf(one(a, 'text')))).toEqual(
        form.accept.map((a) => a.replaceAll('*', '\\*')),
      );
      expect(fractions(question).every((f) => f === 100)).toBe(true);
      return;
  }
}

describe('moodleXml', () => {
  it.each([...quizzes().keys()])(
    'writes %s: every form and row a question with its key, in categories',
    (id) => {
      const quiz = quizzes().get(id) as Quiz;
      for (const lang of LANGS) {
        const root = parseXml(moodleXml(quiz, lang));
        expect(root.name).toBe('quiz');
        let category = '';
        const questions: { category: string; question: XmlElement }[] = [];
        for (const q of children(root, 'question')) {
          if (q.attributes.type === 'category') category = textOf(one(q, 'text'));
          else questions.push({ category, question: q });
        }
        const pools = questionPools(quiz);
        expect(questions).toHaveLength(pools.reduce((n, p) => n + p.entries.length, 0));
        let next = 0;
        for (const pool of pools) {
          const number = String(pool.position).padStart(2, '0');
          for (const entry of pool.entries) {
            const { category: where, question } = questions[next++] as (typeof questions)[number];
            // A question drawn from several forms or rows has a category of its own to draw from.
            const title = quiz.title[lang].replaceAll('/', '//');
            expect(where).toBe(
              pool.entries.length > 1
                ? `$course$/top/${title}/${number} ${pool.id}`
                : `$course$/top/${title}`,
            );
            expect(field(question, 'name')).toBe(`${number} ${entry.key}`);
            expect(textOf(children(question, 'idnumber')[0] as XmlElement)).toBe(`${quiz.id}.${entry.key}`);
            expect(all(question, 'tag').map((tag) => textOf(one(tag, 'text')))).toEqual(
              entry.reserved ? ['reserved'] : [],
            );
            expect(Number(textOf(children(question, 'penalty')[0] as XmlElement))).toBe(
              quiz.practice.penalty,
            );
            expectQuestion(question, entry.form, lang);
          }
        }
      }
    },
  );

  it('scores several correct answers as Quayside does under partial scoring, and all-or-nothing as closely as Moodle can', () => {
    const fixture = quizSchema.parse(everyType);
    const root = parseXml(moodleXml(fixture, 'en'));
    const question = (id: string) =>
      children(root, 'question').find((q) =>
        all(q, 'idnumber').some((i) => textOf(i) === `every-type.${id}`),
      ) as XmlElement;
    // Moodle's multichoice with several answers: the chosen answers' fractions summed, kept within 0 to 1.
    const moodleScore = (q: XmlElement, picked: boolean[]) =>
      Math.min(
        1,
        Math.max(
          0,
          fractions(q).reduce((n, f, i) => n + (picked[i] ? f / 100 : 0), 0),
        ),
      );
    for (const id of ['multi', 'all']) {
      const ours = fixture.questions.find((q) => q.id === id) as Question;
      if (ours.type !== 'multiple') throw new Error(`${id} is a multiple-choice question`);
      for (let mask = 0; mask < 1 << ours.options.length; mask++) {
        const picked = ours.options.map((_, i) => Boolean(mask & (1 << i)));
        const graded = gradeQuestion(ours, {
          choices: ours.options.filter((_, i) => picked[i]).map((o) => o.id),
        } as Answer);
        const score = graded.ok ? graded.result.score : Number.NaN;
        const leftOut = ours.options.some((o, i) => o.correct && !picked[i]);
        const wrongPick = ours.options.some((o, i) => !o.correct && picked[i]);
        const rightPick = ours.options.some((o, i) => o.correct && picked[i]);
        // Under all-or-nothing Moodle gives the shares picked when some right answers are left out and
        // no wrong one is picked (docs/QUIZZES.md); everywhere else the two agree.
        if (ours.scoring === 'all-or-nothing' && rightPick && leftOut && !wrongPick)
          expect(moodleScore(question(id), picked)).toBeGreaterThan(score);
        else expect(moodleScore(question(id), picked)).toBeCloseTo(score);
      }
    }
  });

  it('carries markup, ampersands and quotes as text, and a star in a short answer as a star', () => {
    const hostile = hostileQuiz();
    const root = parseXml(moodleXml(hostile, 'en'));
    expect(textOf(one(one(root, 'category'), 'text'))).toBe(
      `$course$/top/Every type${HOSTILE.replace('/', '//')}`,
    );
    const questions = children(root, 'question').filter((q) => q.attributes.type !== 'category');
    for (const [i, pool] of questionPools(hostile).entries())
      expectQuestion(questions[i] as XmlElement, pool.entries[0]?.form as QuestionForm, 'en');
    const short = questions.find((q) => q.attributes.type === 'shortanswer') as XmlElement;
    expect(all(short, 'text').map(textOf)).toContain('ls \\*.txt');
    expect(textOf(one(short, 'questiontext'))).toContain(
      '&lt;b&gt;&amp;amp; &quot;x&quot;&lt;/b&gt; &amp; &lt;',
    );
  });

  it('doubles a slash in a category name, which Moodle reads as a path separator', () => {
    const quiz = quizSchema.parse({ ...everyType, title: { en: 'Images / layers', 'zh-cn': '镜像/层' } });
    expect(textOf(one(one(parseXml(moodleXml(quiz, 'zh-cn')), 'category'), 'text'))).toBe(
      '$course$/top/镜像//层',
    );
  });
});
