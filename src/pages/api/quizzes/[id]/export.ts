import type { APIRoute } from 'astro';
import { moodleXml } from '../../../../interchange/moodle-xml.ts';
import { qtiPackage } from '../../../../interchange/qti.ts';
import { languageTag, quizExportQuery } from '../../../../schemas/export.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { problem, validQuery } from '../../../../server/json.ts';
import { openElsewhere } from '../../../../server/queries/assignments.ts';
import { quizzes } from '../../../../server/quizzes.ts';

export const prerender = false;

/**
 * A quiz for an LMS, keys included, so for instructors only: `?format=qti` is a QTI 3.0 content
 * package (zip), `?format=moodle` Moodle XML for its question bank; `?lang=en|zh-CN` picks the texts.
 */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const query = validQuery(context.url, quizExportQuery);
  if (!query.ok) return query.response;
  const quiz = quizzes().get(context.params.id ?? '');
  if (!quiz) return problem(404, `no quiz "${context.params.id}"`);
  if (await openElsewhere(await database(), 'quiz', quiz.id, signedIn.user.id))
    return problem(
      423,
      "this quiz is assigned in another instructor's class that has not closed; its keys stay hidden until then",
    );
  const { format, lang } = query.value;
  const name = `${quiz.id}.${languageTag(lang)}`;
  const [body, type, file] =
    format === 'qti'
      ? [qtiPackage(quiz, lang, new Date()), 'application/zip', `${name}.qti.zip`]
      : [moodleXml(quiz, lang), 'application/xml; charset=utf-8', `${name}.moodle.xml`];
  return new Response(body, {
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    },
  });
};
