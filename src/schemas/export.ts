import { z } from 'zod';
import type { Locale } from '../grading/quiz-public.ts';

/** The language tag (as in `lang` attributes and `?lang=`) of a quiz file's locale. */
export const languageTag = (locale: Locale): 'en' | 'zh-CN' => (locale === 'zh-cn' ? 'zh-CN' : 'en');

/** Where an instructor downloads a quiz in an interchange format. */
export const quizExportPath = (quizId: string, format: 'qti' | 'moodle', locale: Locale): string =>
  `/api/quizzes/${quizId}/export?format=${format}&lang=${languageTag(locale)}`;

/** `GET /api/quizzes/:id/export`: the interchange format, and the language of the texts. */
export const quizExportQuery = z.object({
  format: z.enum(['qti', 'moodle'], 'format is qti or moodle'),
  /** As in `lang` attributes; the quiz files name the Chinese texts `zh-cn`. */
  lang: z
    .enum(['en', 'zh-CN'], 'lang is en or zh-CN')
    .default('en')
    .transform((lang): Locale => (lang === 'zh-CN' ? 'zh-cn' : 'en')),
});

/**
 * `GET /api/classes/:id/gradebook.csv`: Quayside's own layouts (`wide`, one row per learner; `long`,
 * one row per learner and assignment), or an LMS's gradebook import format, which wins when given.
 */
export const gradebookCsvQuery = z.object({
  layout: z.enum(['wide', 'long'], 'layout is wide or long').default('wide'),
  format: z.enum(['moodle', 'canvas'], 'format is moodle or canvas').optional(),
});

export type QuizExportQueryInput = z.input<typeof quizExportQuery>;
export type QuizExportQuery = z.output<typeof quizExportQuery>;
export type GradebookCsvQueryInput = z.input<typeof gradebookCsvQuery>;
export type GradebookCsvQuery = z.output<typeof gradebookCsvQuery>;
