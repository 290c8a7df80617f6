import { useEffect, useState } from 'react';
import { fillPlaceholders } from '../utils/fill-placeholders';

/** What `GET /api/me/assignments` says of one of the learner's assignments, as far as this needs. */
interface Assigned {
  id: string;
  kind: 'exercise' | 'quiz';
  contentId: string;
  title: string;
  className: string;
  effectiveDueAt: string | null;
}

let mine: Promise<Assigned[]> | undefined;

/**
 * The signed-in learner's assignments, asked once per page however many labs and quizzes it has;
 * none for a visitor who is not signed in, or when the server cannot be reached.
 */
function myAssignments(): Promise<Assigned[]> {
  mine ??= fetch('/api/me/assignments')
    .then((response) => (response.ok ? response.json() : { assignments: [] }))
    .then((body: { assignments?: Assigned[] }) => body.assignments ?? [])
    .catch(() => []);
  return mine;
}

export interface AssignedNoticeLabels {
  title: string;
  /** {title}, {class} and {date}: the assignment, its class, and the learner's own due date. */
  due: string;
  noDue: string;
  elsewhere: string;
  link: string;
}

export interface AssignedNoticeProps {
  kind: 'exercise' | 'quiz';
  contentId: string;
  lang: 'en' | 'zh-cn';
  labels: AssignedNoticeLabels;
}

/**
 * On a prerendered lesson, tells a signed-in learner that this exercise or quiz is assigned to them:
 * by which class, when it is due, where to do it, and that practice here does not count.
 */
export default function AssignedNotice({ kind, contentId, lang, labels }: AssignedNoticeProps) {
  const [assigned, setAssigned] = useState<Assigned[]>([]);
  useEffect(() => {
    let live = true;
    void myAssignments().then((list) => {
      if (live) setAssigned(list.filter((a) => a.kind === kind && a.contentId === contentId));
    });
    return () => {
      live = false;
    };
  }, [kind, contentId]);
  if (assigned.length === 0) return null;
  const prefix = lang === 'en' ? '' : `/${lang}`;
  return (
    <aside aria-label={labels.title} className="starlight-aside starlight-aside--note assigned-notice">
      <p className="starlight-aside__title">{labels.title}</p>
      <div className="starlight-aside__content">
        {assigned.map((a) => (
          <p key={a.id}>
            {fillPlaceholders(a.effectiveDueAt ? labels.due : labels.noDue, {
              title: a.title,
              class: a.className,
              date: a.effectiveDueAt
                ? new Date(a.effectiveDueAt).toLocaleString(lang === 'en' ? 'en' : 'zh-CN', {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })
                : '',
            })}{' '}
            <a href={`${prefix}/assignments/${a.id}/`}>{labels.link}</a>
          </p>
        ))}
        <p>{labels.elsewhere}</p>
      </div>
    </aside>
  );
}
