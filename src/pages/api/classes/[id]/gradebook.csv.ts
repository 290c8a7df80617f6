import type { APIRoute } from 'astro';
import { canvasGradesCsv, gradePoints, moodleGradesCsv } from '../../../../interchange/lms-csv.ts';
import { gradebookCsvQuery } from '../../../../schemas/export.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { isUuid } from '../../../../server/ids.ts';
import { problem, validQuery } from '../../../../server/json.ts';
import { type Gradebook, gradebook } from '../../../../server/queries/submissions.ts';
import { csv } from '../../../../utils/csv.ts';

export const prerender = false;

/** One row per learner, a column per assignment. */
const wide = (book: Gradebook) =>
  csv([
    ['name', 'email', ...book.assignments.map((a) => a.title)],
    ...book.learners.map((l) => [
      l.name,
      l.email,
      ...book.assignments.map((a) => gradePoints(book.cells[l.id]?.[a.id]?.grade)),
    ]),
  ]);

/** One row per learner and assignment, with attempts, the late flag and the solutions opened. */
const long = (book: Gradebook) =>
  csv([
    ['name', 'email', 'assignment', 'grade_percent', 'attempts', 'late', 'solutions_opened'],
    ...book.learners.flatMap((l) =>
      book.assignments.map((a) => {
        const cell = book.cells[l.id]?.[a.id];
        return [
          l.name,
          l.email,
          a.title,
          gradePoints(cell?.grade),
          cell?.attempts ?? 0,
          cell?.late ?? false,
          cell?.solutionsOpened ?? 0,
        ];
      }),
    ),
  ]);

const layouts = { wide, long, moodle: moodleGradesCsv, canvas: canvasGradesCsv };

/**
 * The gradebook as CSV, archived classes and assignments included: `?layout=wide` (default) or
 * `long` (with attempts, the late flag and the reference solutions opened), Quayside's own, or
 * `?format=moodle|canvas`, what that LMS's gradebook import reads (src/interchange/lms-csv.ts).
 */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const query = validQuery(context.url, gradebookCsvQuery);
  if (!query.ok) return query.response;
  const id = context.params.id;
  const book = isUuid(id) ? await gradebook(await database(), signedIn.user.id, id) : undefined;
  if (!book) return problem(404, 'no such class among yours');
  const shape = query.value.format ?? query.value.layout;
  return new Response(layouts[shape](book), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="gradebook-${shape}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
