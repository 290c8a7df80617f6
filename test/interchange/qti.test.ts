import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeQuestion } from '../../src/grading/quiz';
import type { Locale } from '../../src/grading/quiz-public';
import { questionPools } from '../../src/interchange/pool';
import { qtiFiles, qtiPackage } from '../../src/interchange/qti';
import { plainText } from '../../src/interchange/xml';
import { type Answer, type QuestionForm, type Quiz, quiz as quizSchema } from '../../src/schemas/quiz';
import { quizzes } from '../../src/server/quizzes';
import { everyType } from '../grading/quiz-fixture';
import { HOSTILE, hostileQuiz } from './hostile-quiz';
import { all, one, parseXml, textOf, type XmlElement } from './xml-reader';

const ASI = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const LANGS: Locale[] = ['en', 'zh-cn'];

/** Every file of the package, parsed (which throws on anything not well-formed). */
function readPackage(quiz: Quiz, lang: Locale): Map<string, XmlElement> {
  return new Map(qtiFiles(quiz, lang).map((f) => [f.name, parseXml(f.data as string)]));
}

const values = (item: XmlElement) => all(one(item, 'qti-correct-response'), 'qti-value').map(textOf);
const byIdentifier = (item: XmlElement, name: string) =>
  new Map(all(item, name).map((e) => [e.attributes.identifier, e]));
const mapping = (item: XmlElement) =>
  new Map(
    all(item, 'qti-map-entry').map((e) => [e.attributes['map-key'], Number(e.attributes['mapped-value'])]),
  );

/** Checks that an item asks `form` in `lang` and holds its key, its explanation and its feedback. */
function expectItem(item: XmlElement, form: QuestionForm, lang: Locale): void {
  expect(item.name).toBe('qti-assessment-item');
  expect(item.attributes).toMatchObject({ xmlns: ASI, 'xml:lang': lang === 'zh-cn' ? 'zh-CN' : 'en' });
  const prompt = all(item, 'qti-prompt')[0] ?? one(item, 'p');
  expect(textOf(prompt)).toBe(plainText(form.prompt[lang]));
  expect(textOf(one(item, 'qti-modal-feedback')).trim()).toBe(plainText(form.explanation[lang]));
  const declaration = one(item, 'qti-response-declaration');
  switch (form.type) {
    case 'single':
    case 'multiple': {
      expect(values(item)).toEqual(form.options.filter((o) => o.correct).map((o) => `option.${o.id}`));
      expect(one(item, 'qti-choice-interaction').attributes['max-choices']).toBe(
        form.type === 'single' ? '1' : '0',
      );
      const choices = byIdentifier(item, 'qti-simple-choice');
      expect(choices.size).toBe(form.options.length);
      for (const o of form.options) {
        const choice = choices.get(`option.${o.id}`) as XmlElement;
        expect(textOf(choice).startsWith(plainText(o.text[lang]))).toBe(true);
        const feedback = all(choice, 'qti-feedback-inline')[0];
        expect(feedback && textOf(feedback)).toBe(o.feedback && plainText(o.feedback[lang]));
      }
      if (form.type === 'multiple' && form.scoring === 'partial') {
        const share = 1 / form.options.filter((o) => o.correct).length;
        expect(mapping(item)).toEqual(
          new Map(form.options.map((o) => [`option.${o.id}`, o.correct ? share : -share])),
        );
      } else expect(all(item, 'qti-match')).toHaveLength(1);
      return;
    }
    case 'true-false':
      expect(values(item)).toEqual([String(form.answer)]);
      expect([...byIdentifier(item, 'qti-simple-choice').keys()]).toEqual(['true', 'false']);
      return;
    case 'ordering':
      expect(declaration.attributes.cardinality).toBe('ordered');
      expect(values(item)).toEqual(form.items.map((i) => `item.${i.id}`));
      expect(all(one(item, 'qti-order-interaction'), 'qti-simple-choice')).toHaveLength(form.items.length);
      return;
    case 'matching': {
      const pairs = form.items.map((i) => `item.${i.id} target.${i.match}`);
      expect(declaration.attributes['base-type']).toBe('directedPair');
      expect(values(item)).toEqual(pairs);
      const [sources, targets] = all(item, 'qti-simple-match-set');
      expect(all(sources as XmlElement, 'qti-simple-associable-choice').map((c) => textOf(c))).toEqual(
        form.items.map((i) => plainText(i.text[lang])),
      );
      expect(
        all(targets as XmlElement, 'qti-simple-associable-choice').map((c) => c.attributes.identifier),
      ).toEqual(form.targets.map((t) => `target.${t.id}`));
      if (form.scoring === 'partial')
        expect(mapping(item)).toEqual(new Map(pairs.map((p) => [p, 1 / pairs.length])));
      return;
    }
    case 'numeric': {
      expect(declaration.attributes['base-type']).toBe('float');
      expect(values(item).map(Number)).toEqual([form.answer]);
      const equal = one(item, 'qti-equal').attributes;
      expect(equal).toEqual(
        form.tolerance > 0
          ? { 'tolerance-mode': 'absolute', tolerance: `${form.tolerance} ${form.tolerance}` }
          : { 'tolerance-mode': 'exact' },
      );
      if (form.unit) expect(textOf(one(item, 'qti-item-body'))).toContain(form.unit);
      return;
    }
    case 'text':
    case 'command': {
      expect(declaration.attributes['base-type']).toBe('string');
      expect(values(item)).toEqual([form.accept[0]]);
      const keys = [...mapping(item).keys()].map((k) => k?.toLowerCase());
      expect(new Set(keys)).toEqual(new Set(form.accept.map((a) => a.toLowerCase())));
      expect(all(item, 'qti-map-entry').every((e) => e.attributes['case-sensitive'] === 'false')).toBe(true);
      return;
    }
  }
}

describe('qtiFiles', () => {
  const every = [...quizzes().values()];

  it('covers every question type across the quizzes', () => {
    const types = new Set(
      every.flatMap((q) => questionPools(q).flatMap((p) => p.entries.map((e) => e.form.type))),
    );
    expect([...types].sort()).toEqual(
      ['command', 'matching', 'multiple', 'numeric', 'ordering', 'single', 'text', 'true-false'].sort(),
    );
  });

  it.each(every.map((q) => q.id))('packages %s: every form and row an item holding its key', (id) => {
    const quiz = quizzes().get(id) as Quiz;
    for (const lang of LANGS) {
      const files = readPackage(quiz, lang);
      const manifest = files.get('imsmanifest.xml') as XmlElement;
      const test = files.get('assessment-test.xml') as XmlElement;
      expect(manifest.attributes.xmlns).toBe('http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1');
      expect(test.name).toBe('qti-assessment-test');
      expect(test.attributes.title).toBe(quiz.title[lang]);

      // The manifest lists every file of the package, and the test depends on every item.
      const resources = all(manifest, 'resource');
      expect(new Set(resources.flatMap((r) => all(r, 'file').map((f) => f.attributes.href)))).toEqual(
        new Set([...files.keys()].filter((name) => name !== 'imsmanifest.xml')),
      );
      const items = resources.filter((r) => r.attributes.type === 'imsqti_item_xmlv3p0');
      expect(all(resources[0] as XmlElement, 'dependency').map((d) => d.attributes.identifierref)).toEqual(
        items.map((r) => r.attributes.identifier),
      );

      const pools = questionPools(quiz);
      const refs = all(test, 'qti-assessment-item-ref');
      expect(refs).toHaveLength(pools.reduce((n, p) => n + p.entries.length, 0));
      for (const pool of pools) {
        const mine = refs.filter((r) =>
          r.attributes.identifier?.startsWith(`q${String(pool.position).padStart(2, '0')}.${pool.id}`),
        );
        expect(mine).toHaveLength(pool.entries.length);
        for (const [i, entry] of pool.entries.entries()) {
          const ref = mine[i] as XmlElement;
          expect(ref.attributes.category).toBe(entry.reserved ? 'reserved' : undefined);
          const item = files.get(ref.attributes.href as string) as XmlElement;
          expect(item.attributes.identifier).toBe(ref.attributes.identifier);
          expectItem(item, entry.form, lang);
        }
        // A question with several forms or rows is a section that draws one of them per attempt.
        const section = all(test, 'qti-assessment-section').find(
          (s) =>
            all(s, 'qti-assessment-item-ref').includes(mine[0] as XmlElement) &&
            s.attributes.identifier !== 'questions',
        );
        if (pool.entries.length > 1)
          expect(one(section as XmlElement, 'qti-selection').attributes.select).toBe('1');
        else expect(section).toBeUndefined();
      }
    }
  });

  it('scores partial credit as Quayside does, by the mapping', () => {
    const fixture = quizSchema.parse(everyType);
    const files = readPackage(fixture, 'en');
    const item = (id: string) =>
      files.get(`items/${[...files.keys()].find((n) => n.includes(`.${id}.`))?.slice(6)}`) as XmlElement;
    // map_response: the mapped values of the response summed, then kept within the bounds.
    const mapped = (it: XmlElement, response: string[]) => {
      const bounds = one(it, 'qti-mapping').attributes;
      const sum = response.reduce(
        (n, key) => n + (mapping(it).get(key) ?? Number(bounds['default-value'])),
        0,
      );
      return Math.min(Number(bounds['upper-bound']), Math.max(Number(bounds['lower-bound']), sum));
    };
    const multi = fixture.questions.find((q) => q.id === 'multi') as QuestionForm & { id: string };
    const options = multi.type === 'multiple' ? multi.options.map((o) => o.id) : [];
    for (let mask = 0; mask < 1 << options.length; mask++) {
      const choices = options.filter((_, i) => mask & (1 << i));
      const ours = gradeQuestion(multi as never, { choices } as Answer);
      expect(
        mapped(
          item('multi'),
          choices.map((c) => `option.${c}`),
        ),
      ).toBeCloseTo(ours.ok ? ours.result.score : -1);
    }
    const types = fixture.questions.find((q) => q.id === 'types') as QuestionForm & { id: string };
    if (types.type !== 'matching') throw new Error('types is a matching question');
    for (const pairs of [
      { esxi: 'one' },
      { esxi: 'two', hyperv: 'one' },
      { esxi: 'one', hyperv: 'one', vbox: 'two', workstation: 'two' },
    ]) {
      const ours = gradeQuestion(types as never, { pairs } as Answer);
      const response = Object.entries(pairs).map(([i, t]) => `item.${i} target.${t}`);
      expect(mapped(item('types'), response)).toBeCloseTo(ours.ok ? ours.result.score : -1);
    }
  });

  it('carries markup, ampersands and quotes in every text as text', () => {
    const hostile = hostileQuiz();
    const files = readPackage(hostile, 'zh-cn');
    expect((files.get('assessment-test.xml') as XmlElement).attributes.title).toBe(
      `中文：Every type${HOSTILE}`,
    );
    for (const pool of questionPools(hostile)) {
      const name = `items/q${String(pool.position).padStart(2, '0')}.${pool.id}.xml`;
      expectItem(files.get(name) as XmlElement, pool.entries[0]?.form as QuestionForm, 'zh-cn');
    }
    // No markup of the texts' own became an element.
    for (const item of files.values()) expect(all(item, 'b')).toEqual([]);
  });
});

describe('qtiPackage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-qti-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('zips the files, which unzip lists and gives back', () => {
    const quiz = quizzes().get('compose') as Quiz;
    const path = join(dir, 'compose.zip');
    writeFileSync(path, qtiPackage(quiz, 'en'));
    const listing = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).trim().split('\n');
    const files = qtiFiles(quiz, 'en');
    expect(listing).toEqual(files.map((f) => f.name));
    expect(execFileSync('unzip', ['-p', path, 'imsmanifest.xml'], { encoding: 'utf8' })).toBe(files[0]?.data);
  });
});
