import type { APIRoute } from 'astro';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { isUuid } from '../../../../server/ids.ts';
import { problem } from '../../../../server/json.ts';
import { gradebook } from '../../../../server/queries/submissions.ts';
import { csv } from '../../../../utils/csv.ts';

export const prerender = false;

const percent = (grade: number | null) => (grade === null ? '' : Math.round(grade * 1000) / 10);

/**
 * The gradebook as CSV, archived classes and assignments included. `?layout=wide` (default): one row
 * per learner, a column per assignment; `?layout=long`: one row per learner and assignment, with
 * attempts, the late flag and how many reference solutions the learner opened.
 */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const layout = context.url.searchParams.get('layout') ?? 'wide';
  if (layout !== 'wide' && layout !== 'long') return problem(400, 'layout is wide or long');
  const id = context.params.id;
  const book = isUuid(id) ? await gradebook(await database(), signedIn.user.id, id) : undefined;
  if (!book) return problem(404, 'no such class among yours');
  const rows =
    layout === 'wide'
      ? [
          ['name', 'email', ...book.assignments.map((a) => a.title)],
          ...book.learners.map((l) => [
            l.name,
            l.email,
            ...book.assignments.map((a) => percent(book.cells[l.id]?.[a.id]?.grade ?? null)),
          ]),
        ]
      : [
          ['name', 'email', 'assignment', 'grade_percent', 'attempts', 'late', 'solutions_opened'],
          ...book.learners.flatMap((l) =>
            book.assignments.map((a) => {
              const cell = book.cells[l.id]?.[a.id];
              return [
                l.name,
                l.email,
                a.title,
                percent(cell?.grade ?? null),
                cell?.attempts ?? 0,
                cell?.late ?? false,
                cell?.solutionsOpened ?? 0,
              ];
            }),
          ),
        ];
  return new Response(csv(rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="gradebook-${layout}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
