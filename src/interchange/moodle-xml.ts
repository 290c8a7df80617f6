import type { Locale } from '../grading/quiz-public.ts';
import type { QuestionForm, Quiz } from '../schemas/quiz.ts';
import { type PoolEntry, questionPools } from './pool.ts';
import { element, escapeXml, inlineHtml, plainText, xmlDocument } from './xml.ts';

/**
 * A fraction as Moodle writes it, in percent with five decimals at most (33.33333). Moodle refuses
 * to import a fraction that is not one of its grade options (100, 50, 33.33333, 25, 20, … and their
 * negatives); every share of one to ten correct options is one.
 */
const moodlePercent = (fraction: number): string => String(Number((fraction * 100).toFixed(5)));

/** HTML text in Moodle's `<text>`: the markup escaped once more, as character data. */
const html = (tag: string, markup: string) =>
  element(tag, { format: 'html' }, [element('text', {}, escapeXml(markup))]);
const paragraph = (text: string) => `<p>${inlineHtml(text)}</p>`;
const plain = (tag: string, text: string) => element(tag, {}, [element('text', {}, escapeXml(text))]);

/** shortanswer reads `*` as "any text"; `\*` is a literal star. */
const literal = (answer: string) => answer.replaceAll('*', '\\*');

interface Answer {
  fraction: number;
  text: string;
  /** The answer's text as HTML rather than plain text. */
  html?: boolean;
  feedback?: string;
  extra?: string[];
}

function answer({ fraction, text, html: isHtml, feedback, extra = [] }: Answer): string {
  return element(
    'answer',
    { fraction: moodlePercent(fraction), format: isHtml ? 'html' : 'moodle_auto_format' },
    [
      element('text', {}, escapeXml(isHtml ? inlineHtml(text) : text)),
      ...(feedback ? [html('feedback', paragraph(feedback))] : []),
      ...extra,
    ],
  );
}

/** The Moodle question type of a form, and the elements that come after the common ones. */
function typeAndBody(form: QuestionForm, lang: Locale): [type: string, body: string[]] {
  switch (form.type) {
    case 'single':
    case 'multiple': {
      const correct = form.options.filter((o) => o.correct).length;
      // Right picks share 100%. A wrong pick takes back one share under partial scoring, everything
      // under all-or-nothing; Moodle has no all-or-nothing for several answers, so there a learner who
      // leaves out a right option still gets the shares picked.
      const wrong = form.type === 'multiple' && form.scoring === 'partial' ? -1 / correct : -1;
      return [
        'multichoice',
        [
          element('single', {}, String(form.type === 'single')),
          element('shuffleanswers', {}, 'true'),
          element('answernumbering', {}, 'abc'),
          element('showstandardinstruction', {}, '0'),
          ...form.options.map((o) =>
            answer({
              fraction: o.correct ? 1 / correct : form.type === 'single' ? 0 : wrong,
              text: o.text[lang],
              html: true,
              ...(o.feedback ? { feedback: o.feedback[lang] } : {}),
            }),
          ),
        ],
      ];
    }
    case 'true-false':
      return [
        'truefalse',
        [
          answer({ fraction: form.answer ? 1 : 0, text: 'true' }),
          answer({ fraction: form.answer ? 0 : 1, text: 'false' }),
        ],
      ];
    case 'ordering':
      // qtype_ordering, standard since Moodle 4.4: answers in the right order, numbered by fraction.
      return [
        'ordering',
        [
          element('layouttype', {}, 'VERTICAL'),
          element('selecttype', {}, 'ALL'),
          element('selectcount', {}, String(form.items.length)),
          element('gradingtype', {}, 'ALL_OR_NOTHING'),
          element('showgrading', {}, 'SHOW'),
          element('numberingstyle', {}, 'none'),
          ...form.items.map((item, i) =>
            element('answer', { fraction: `${i + 1}.0000000`, format: 'html' }, [
              element('text', {}, escapeXml(inlineHtml(item.text[lang]))),
            ]),
          ),
        ],
      ];
    case 'matching': {
      // Moodle's answers are plain text. Targets no item matches are extra wrong answers: a
      // subquestion with no text.
      const unmatched = form.targets.filter((t) => !form.items.some((i) => i.match === t.id));
      const target = (id: string) => plainText(form.targets.find((t) => t.id === id)?.text[lang] ?? '');
      return [
        'matching',
        [
          element('shuffleanswers', {}, 'true'),
          ...form.items.map((item) =>
            element('subquestion', { format: 'html' }, [
              element('text', {}, escapeXml(paragraph(item.text[lang]))),
              plain('answer', target(item.match)),
            ]),
          ),
          ...unmatched.map((t) =>
            element('subquestion', { format: 'html' }, [
              element('text'),
              plain('answer', plainText(t.text[lang])),
            ]),
          ),
        ],
      ];
    }
    case 'numeric':
      return [
        'numerical',
        [
          answer({
            fraction: 1,
            text: String(form.answer),
            extra: [element('tolerance', {}, String(form.tolerance))],
          }),
          // With a unit, Moodle shows it and lets the learner type it or leave it out.
          ...(form.unit
            ? [
                element('units', {}, [
                  element('unit', {}, [
                    element('multiplier', {}, '1'),
                    element('unit_name', {}, escapeXml(form.unit)),
                  ]),
                ]),
              ]
            : []),
        ],
      ];
    case 'text':
    case 'command':
      // Commands too: Moodle compares the text, ignoring case only (see docs/QUIZZES.md).
      return [
        'shortanswer',
        [element('usecase', {}, '0'), ...form.accept.map((a) => answer({ fraction: 1, text: literal(a) }))],
      ];
  }
}

const category = (path: string[]) =>
  element('question', { type: 'category' }, [
    // `/` separates categories in a path; a `/` inside a name is written twice.
    plain('category', ['$course$', 'top', ...path.map((name) => name.replaceAll('/', '//'))].join('/')),
  ]);

function question(quiz: Quiz, name: string, entry: PoolEntry, lang: Locale): string {
  const [type, body] = typeAndBody(entry.form, lang);
  return element('question', { type }, [
    plain('name', name),
    html('questiontext', paragraph(entry.form.prompt[lang])),
    html('generalfeedback', paragraph(entry.form.explanation[lang])),
    element('defaultgrade', {}, '1'),
    // The share of the mark each further try costs, in Moodle's interactive mode as in Quayside's practice.
    element('penalty', {}, String(quiz.practice.penalty)),
    element('hidden', {}, '0'),
    element('idnumber', {}, escapeXml(`${quiz.id}.${entry.key}`)),
    ...body,
    ...(entry.reserved ? [element('tags', {}, [plain('tag', 'reserved')])] : []),
  ]);
}

/**
 * A quiz in one language as Moodle XML, the format of Moodle's question bank import, keys and
 * feedback included. Its questions go into a category named after the quiz; a question with several
 * variants or parameter rows (see `questionPools`) gets a subcategory of its own holding all of them,
 * from which a Moodle quiz draws with "a random question". Reserved variants are tagged `reserved`.
 */
export function moodleXml(quiz: Quiz, lang: Locale): string {
  const title = quiz.title[lang];
  const parts: string[] = [];
  let current = '';
  for (const pool of questionPools(quiz)) {
    const name = String(pool.position).padStart(2, '0');
    const path = pool.entries.length > 1 ? [title, `${name} ${pool.id}`] : [title];
    if (path.join('\n') !== current) parts.push(category(path));
    current = path.join('\n');
    for (const entry of pool.entries) parts.push(question(quiz, `${name} ${entry.key}`, entry, lang));
  }
  return xmlDocument(element('quiz', {}, parts));
}
