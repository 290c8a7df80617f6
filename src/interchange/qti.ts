import en from '../content/i18n/en.json';
import zhCN from '../content/i18n/zh-CN.json';
import type { Locale } from '../grading/quiz-public.ts';
import { languageTag } from '../schemas/export.ts';
import type { QuestionForm, Quiz } from '../schemas/quiz.ts';
import { type ZipEntry, zip } from '../utils/zip.ts';
import { type PoolEntry, questionPools } from './pool.ts';
import { element, escapeXml, inlineHtml, xmlDocument } from './xml.ts';

// 1EdTech QTI 3.0: the assessment, section and item namespace, and the content package's.
const ASI = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const ASI_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd';
const CP = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
const CP_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const TEST_FILE = 'assessment-test.xml';
const TRUE_FALSE = {
  en: { true: en['quayside.quiz.true'], false: en['quayside.quiz.false'] },
  'zh-cn': { true: zhCN['quayside.quiz.true'], false: zhCN['quayside.quiz.false'] },
};

const pad = (position: number) => String(position).padStart(2, '0');

/** How an item turns its response into SCORE: the key matched exactly, a mapping summed, or a number within a tolerance. */
type Scoring = 'match' | 'map' | { tolerance: number };

/** What differs between the item types: the response's declaration and scoring, and the item body. */
interface Interaction {
  cardinality: 'single' | 'multiple' | 'ordered';
  baseType: 'identifier' | 'directedPair' | 'float' | 'string';
  correct: string[];
  mapping?: { entries: [key: string, value: number][]; caseSensitive?: boolean };
  scoring: Scoring;
  body: string[];
  /** Whether the chosen options' identifiers go into FEEDBACK, to show their inline feedback. */
  choiceFeedback: boolean;
}

const prompt = (text: string) => element('qti-prompt', {}, inlineHtml(text));

/** A typed answer: the prompt, then a text entry with the unit after it. */
function textEntry(form: QuestionForm, lang: Locale, expectedLength: number, unit?: string): string[] {
  const entry = element('qti-text-entry-interaction', {
    'response-identifier': 'RESPONSE',
    'expected-length': expectedLength,
  });
  return [
    element('p', {}, inlineHtml(form.prompt[lang])),
    element('p', {}, unit ? `${entry} ${escapeXml(unit)}` : entry),
  ];
}

function interaction(form: QuestionForm, lang: Locale): Interaction {
  switch (form.type) {
    case 'single':
    case 'multiple': {
      const choices = form.options.map((o) =>
        element(
          'qti-simple-choice',
          { identifier: `option.${o.id}` },
          inlineHtml(o.text[lang]) +
            (o.feedback
              ? ` ${element(
                  'qti-feedback-inline',
                  { 'outcome-identifier': 'FEEDBACK', identifier: `option.${o.id}`, 'show-hide': 'show' },
                  inlineHtml(o.feedback[lang]),
                )}`
              : ''),
        ),
      );
      const correct = form.options.filter((o) => o.correct).map((o) => `option.${o.id}`);
      const body = [
        element(
          'qti-choice-interaction',
          { 'response-identifier': 'RESPONSE', shuffle: true, 'max-choices': form.type === 'single' ? 1 : 0 },
          [prompt(form.prompt[lang]), ...choices],
        ),
      ];
      const choiceFeedback = form.options.some((o) => o.feedback);
      if (form.type === 'single' || form.scoring === 'all-or-nothing')
        return {
          cardinality: form.type,
          baseType: 'identifier',
          correct,
          scoring: 'match',
          body,
          choiceFeedback,
        };
      // Partial credit as Quayside gives it: (right picks − wrong picks) / correct options, at least 0.
      const share = 1 / correct.length;
      return {
        cardinality: 'multiple',
        baseType: 'identifier',
        correct,
        mapping: {
          entries: form.options.map((o) => [`option.${o.id}`, o.correct ? share : -share]),
        },
        scoring: 'map',
        body,
        choiceFeedback,
      };
    }
    case 'true-false': {
      const labels = TRUE_FALSE[lang];
      return {
        cardinality: 'single',
        baseType: 'identifier',
        correct: [String(form.answer)],
        scoring: 'match',
        body: [
          element(
            'qti-choice-interaction',
            { 'response-identifier': 'RESPONSE', shuffle: false, 'max-choices': 1 },
            [
              prompt(form.prompt[lang]),
              element('qti-simple-choice', { identifier: 'true' }, escapeXml(labels.true)),
              element('qti-simple-choice', { identifier: 'false' }, escapeXml(labels.false)),
            ],
          ),
        ],
        choiceFeedback: false,
      };
    }
    case 'ordering':
      return {
        cardinality: 'ordered',
        baseType: 'identifier',
        correct: form.items.map((i) => `item.${i.id}`),
        scoring: 'match',
        body: [
          element('qti-order-interaction', { 'response-identifier': 'RESPONSE', shuffle: true }, [
            prompt(form.prompt[lang]),
            ...form.items.map((i) =>
              element('qti-simple-choice', { identifier: `item.${i.id}` }, inlineHtml(i.text[lang])),
            ),
          ]),
        ],
        choiceFeedback: false,
      };
    case 'matching': {
      const pairs = form.items.map((i) => `item.${i.id} target.${i.match}`);
      const body = [
        element(
          'qti-match-interaction',
          { 'response-identifier': 'RESPONSE', shuffle: true, 'max-associations': form.items.length },
          [
            prompt(form.prompt[lang]),
            element(
              'qti-simple-match-set',
              {},
              form.items.map((i) =>
                element(
                  'qti-simple-associable-choice',
                  { identifier: `item.${i.id}`, 'match-max': 1 },
                  inlineHtml(i.text[lang]),
                ),
              ),
            ),
            // match-max 0: a target may take any number of items.
            element(
              'qti-simple-match-set',
              {},
              form.targets.map((t) =>
                element(
                  'qti-simple-associable-choice',
                  { identifier: `target.${t.id}`, 'match-max': 0 },
                  inlineHtml(t.text[lang]),
                ),
              ),
            ),
          ],
        ),
      ];
      const base = {
        cardinality: 'multiple',
        baseType: 'directedPair',
        correct: pairs,
        body,
        choiceFeedback: false,
      } as const;
      return form.scoring === 'partial'
        ? {
            ...base,
            mapping: { entries: pairs.map((p) => [p, 1 / pairs.length]) },
            scoring: 'map',
          }
        : { ...base, scoring: 'match' };
    }
    case 'numeric':
      return {
        cardinality: 'single',
        baseType: 'float',
        correct: [String(form.answer)],
        scoring: { tolerance: form.tolerance },
        body: textEntry(form, lang, 10, form.unit),
        choiceFeedback: false,
      };
    case 'text':
    case 'command': {
      // Every accepted answer scores 1, in any case. One entry per answer that differs in more than case.
      const accepted = [...new Map(form.accept.map((a) => [a.toLowerCase(), a])).values()];
      return {
        cardinality: 'single',
        baseType: 'string',
        correct: [form.accept[0] as string],
        mapping: { entries: accepted.map((a) => [a, 1]), caseSensitive: false },
        scoring: 'map',
        body: textEntry(form, lang, Math.max(...form.accept.map((a) => a.length))),
        choiceFeedback: false,
      };
    }
  }
}

const variable = element('qti-variable', { identifier: 'RESPONSE' });
const float = (value: number) => element('qti-base-value', { 'base-type': 'float' }, String(value));
const setOutcome = (identifier: string, value: string) =>
  element('qti-set-outcome-value', { identifier }, [value]);
const ifElse = (condition: string, then: string, otherwise: string) =>
  element('qti-response-condition', {}, [
    element('qti-response-if', {}, [condition, then]),
    element('qti-response-else', {}, [otherwise]),
  ]);

/** SCORE from the response: the standard templates' rules (match_correct, map_response), written out so FEEDBACK can be set beside them. */
function scoreRule(scoring: Scoring): string {
  const correct = element('qti-correct', { identifier: 'RESPONSE' });
  if (scoring === 'match')
    return ifElse(
      element('qti-match', {}, [variable, correct]),
      setOutcome('SCORE', float(1)),
      setOutcome('SCORE', float(0)),
    );
  if (scoring === 'map')
    return ifElse(
      element('qti-is-null', {}, [variable]),
      setOutcome('SCORE', float(0)),
      setOutcome('SCORE', element('qti-map-response', { identifier: 'RESPONSE' })),
    );
  const tolerance =
    scoring.tolerance > 0
      ? { 'tolerance-mode': 'absolute', tolerance: `${scoring.tolerance} ${scoring.tolerance}` }
      : { 'tolerance-mode': 'exact' };
  return ifElse(
    element('qti-equal', tolerance, [variable, correct]),
    setOutcome('SCORE', float(1)),
    setOutcome('SCORE', float(0)),
  );
}

const outcome = (identifier: string, cardinality: string, baseType: string, value?: number) =>
  element(
    'qti-outcome-declaration',
    { identifier, cardinality, 'base-type': baseType },
    value === undefined ? [] : [element('qti-default-value', {}, [element('qti-value', {}, String(value))])],
  );

/** One assessment item: the question with its key, the explanation as modal feedback and each option's feedback inline. */
function qtiItem(identifier: string, title: string, form: QuestionForm, lang: Locale): string {
  const it = interaction(form, lang);
  const declaration = element(
    'qti-response-declaration',
    { identifier: 'RESPONSE', cardinality: it.cardinality, 'base-type': it.baseType },
    [
      element(
        'qti-correct-response',
        {},
        it.correct.map((value) => element('qti-value', {}, escapeXml(value))),
      ),
      ...(it.mapping
        ? [
            element(
              'qti-mapping',
              // A score stays between 0 and 1, as Quayside's does.
              { 'default-value': 0, 'lower-bound': 0, 'upper-bound': 1 },
              it.mapping.entries.map(([key, value]) =>
                element('qti-map-entry', {
                  'map-key': key,
                  'mapped-value': value,
                  'case-sensitive': it.mapping?.caseSensitive,
                }),
              ),
            ),
          ]
        : []),
    ],
  );
  // The explanation is shown after every response; a chosen option's feedback beside it.
  const feedback = setOutcome(
    'FEEDBACK',
    element('qti-multiple', {}, [
      element('qti-base-value', { 'base-type': 'identifier' }, 'EXPLANATION'),
      ...(it.choiceFeedback ? [variable] : []),
    ]),
  );
  return xmlDocument(
    element(
      'qti-assessment-item',
      {
        xmlns: ASI,
        'xmlns:xsi': XSI,
        'xsi:schemaLocation': `${ASI} ${ASI_XSD}`,
        identifier,
        title,
        adaptive: false,
        'time-dependent': false,
        'xml:lang': languageTag(lang),
      },
      [
        declaration,
        outcome('SCORE', 'single', 'float', 0),
        outcome('MAXSCORE', 'single', 'float', 1),
        outcome('FEEDBACK', 'multiple', 'identifier'),
        element('qti-item-body', {}, it.body),
        element('qti-response-processing', {}, [scoreRule(it.scoring), feedback]),
        element(
          'qti-modal-feedback',
          { 'outcome-identifier': 'FEEDBACK', identifier: 'EXPLANATION', 'show-hide': 'show' },
          [element('qti-content-body', {}, [element('p', {}, inlineHtml(form.explanation[lang]))])],
        ),
      ],
    ),
  );
}

/** An item's identifier, which also names its file: position first, so items list in the quiz's order. */
const itemIdentifier = (position: number, entry: PoolEntry) => `q${pad(position)}.${entry.key}`;
const itemHref = (identifier: string) => `items/${identifier}.xml`;

/**
 * The QTI 3.0 content package of a quiz in one language, as its files: `imsmanifest.xml`, the
 * assessment test, and one item per concrete question (every variant and parameter row, see
 * `questionPools`). A question with several becomes a section that selects one of them per attempt,
 * as Quayside draws; reserved variants carry the category `reserved`.
 */
export function qtiFiles(quiz: Quiz, lang: Locale): ZipEntry[] {
  const pools = questionPools(quiz);
  const items = pools.flatMap((pool) =>
    pool.entries.map((entry) => {
      const identifier = itemIdentifier(pool.position, entry);
      return {
        identifier,
        entry,
        xml: qtiItem(identifier, `${pad(pool.position)} ${entry.key}`, entry.form, lang),
      };
    }),
  );
  const ref = (position: number, entry: PoolEntry) => {
    const identifier = itemIdentifier(position, entry);
    return element('qti-assessment-item-ref', {
      identifier,
      href: itemHref(identifier),
      category: entry.reserved ? 'reserved' : undefined,
    });
  };
  // Practice allows its tries and shows feedback; an assessment is one try, with feedback as it reveals.
  const showFeedback = quiz.mode === 'practice' || quiz.reveal === 'immediately';
  const test = element(
    'qti-assessment-test',
    {
      xmlns: ASI,
      'xmlns:xsi': XSI,
      'xsi:schemaLocation': `${ASI} ${ASI_XSD}`,
      identifier: `quiz.${quiz.id}`,
      title: quiz.title[lang],
    },
    [
      outcome('SCORE', 'single', 'float', 0),
      element(
        'qti-test-part',
        {
          identifier: 'part',
          'navigation-mode': 'nonlinear',
          'submission-mode': quiz.mode === 'practice' ? 'individual' : 'simultaneous',
        },
        [
          element('qti-item-session-control', {
            'max-attempts': quiz.mode === 'practice' ? quiz.practice.tries : 1,
            'show-feedback': showFeedback,
            'show-solution': showFeedback,
          }),
          element(
            'qti-assessment-section',
            { identifier: 'questions', title: quiz.title[lang], visible: true },
            pools.map((pool) =>
              pool.entries.length === 1
                ? ref(pool.position, pool.entries[0] as PoolEntry)
                : element(
                    'qti-assessment-section',
                    { identifier: `q${pad(pool.position)}.${pool.id}`, title: pool.id, visible: false },
                    [
                      element('qti-selection', { select: 1 }),
                      ...pool.entries.map((entry) => ref(pool.position, entry)),
                    ],
                  ),
            ),
          ),
        ],
      ),
      element('qti-outcome-processing', {}, [
        setOutcome(
          'SCORE',
          element('qti-sum', {}, [element('qti-test-variables', { 'variable-identifier': 'SCORE' })]),
        ),
      ]),
    ],
  );
  const manifest = element(
    'manifest',
    {
      xmlns: CP,
      'xmlns:xsi': XSI,
      'xsi:schemaLocation': `${CP} ${CP_XSD}`,
      identifier: `quayside.${quiz.id}.${languageTag(lang)}`,
    },
    [
      element('metadata', {}, [element('schema', {}, 'QTI Package'), element('schemaversion', {}, '3.0.0')]),
      element('organizations'),
      element('resources', {}, [
        element('resource', { identifier: 'test', type: 'imsqti_test_xmlv3p0', href: TEST_FILE }, [
          element('file', { href: TEST_FILE }),
          ...items.map((i) => element('dependency', { identifierref: `res.${i.identifier}` })),
        ]),
        ...items.map((i) =>
          element(
            'resource',
            { identifier: `res.${i.identifier}`, type: 'imsqti_item_xmlv3p0', href: itemHref(i.identifier) },
            [element('file', { href: itemHref(i.identifier) })],
          ),
        ),
      ]),
    ],
  );
  return [
    { name: 'imsmanifest.xml', data: xmlDocument(manifest) },
    { name: TEST_FILE, data: xmlDocument(test) },
    ...items.map((i) => ({ name: itemHref(i.identifier), data: i.xml })),
  ];
}

/** The QTI 3.0 package of a quiz as a zip archive, ready to import. */
export function qtiPackage(quiz: Quiz, lang: Locale, modified?: Date): Uint8Array<ArrayBuffer> {
  return zip(qtiFiles(quiz, lang), modified);
}
