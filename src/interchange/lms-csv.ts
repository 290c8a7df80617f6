import type { Gradebook } from '../server/queries/submissions.ts';
import { csv } from '../utils/csv.ts';
import { percentOf } from '../utils/display.ts';

/** A grade from 0 to 1 as points out of 100, to one decimal; empty before any attempt. */
export function gradePoints(grade: number | null | undefined): number | '' {
  return grade === null || grade === undefined ? '' : percentOf(grade);
}

/**
 * A column title per assignment: its title, with its position added in brackets when two share a
 * title (both LMSs would take the two columns for one assignment) or when it ends like Canvas's
 * "Title (123)", which Canvas reads as the id of one of its own assignments.
 */
export function assignmentColumns(assignments: readonly { title: string }[]): string[] {
  return assignments.map(({ title }, i) =>
    assignments.filter((a) => a.title === title).length > 1 || /\s\(\d+\)$/.test(title)
      ? `${title} [${i + 1}]`
      : title,
  );
}

const points = (book: Gradebook, learnerId: string) =>
  book.assignments.map((a) => gradePoints(book.cells[learnerId]?.[a.id]?.grade));

/**
 * The gradebook for Moodle's "Import grades from CSV": learners are found by the `Email address`
 * column (map it to "Email address"), and each further column is a grade item, out of 100, which the
 * import maps to an existing item or creates. Empty cells leave a grade alone.
 */
export function moodleGradesCsv(book: Gradebook): string {
  return csv([
    ['Full name', 'Email address', ...assignmentColumns(book.assignments)],
    ...book.learners.map((l) => [l.name, l.email, ...points(book, l.id)]),
  ]);
}

/**
 * The gradebook in Canvas's gradebook import layout: Student, ID, SIS User ID, SIS Login ID and
 * Section, one column per assignment, and the "Points Possible" row (100 each). Quayside knows
 * neither Canvas's user ids nor its assignment ids, so ID and SIS User ID stay empty and learners are
 * found by their login (SIS Login ID, the email here) or name, and a column is matched to the Canvas
 * assignment of the same title or creates one; a title never carries a "(id)" of Canvas's.
 */
export function canvasGradesCsv(book: Gradebook): string {
  return csv([
    ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', ...assignmentColumns(book.assignments)],
    ['Points Possible', '', '', '', '', ...book.assignments.map(() => 100)],
    ...book.learners.map((l) => [l.name, '', '', l.email, '', ...points(book, l.id)]),
  ]);
}
