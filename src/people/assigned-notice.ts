import { fillPlaceholders } from '../utils/fill-placeholders';

/** What `GET /api/me/assignments` says of one of the learner's assignments, as far as this needs. */
export interface Assigned {
  id: string;
  kind: 'exercise' | 'quiz';
  contentId: string;
  title: string;
  className: string;
  effectiveDueAt: string | null;
}

export interface AssignedNoticeLabels {
  title: string;
  /** {title}, {class} and {date}: the assignment, its class, and the learner's own due date. */
  due: string;
  noDue: string;
  elsewhere: string;
  link: string;
}

/** What a notice's place on the page carries (`data-assigned`, written by AssignedNotice.astro). */
export interface AssignedPlace {
  kind: 'exercise' | 'quiz';
  contentId: string;
  lang: 'en' | 'zh-cn';
  labels: AssignedNoticeLabels;
}

/**
 * The lines of the notice for the exercise or quiz at `place`: one per assignment of it, saying by
 * which class and when it is due, with the address of the assignment; none when it is not assigned.
 */
export function assignedLines(all: Assigned[], place: AssignedPlace): { text: string; href: string }[] {
  const prefix = place.lang === 'en' ? '' : `/${place.lang}`;
  return all
    .filter((a) => a.kind === place.kind && a.contentId === place.contentId)
    .map((a) => ({
      text: fillPlaceholders(a.effectiveDueAt ? place.labels.due : place.labels.noDue, {
        title: a.title,
        class: a.className,
        date: a.effectiveDueAt
          ? new Date(a.effectiveDueAt).toLocaleString(place.lang === 'en' ? 'en' : 'zh-CN', {
              dateStyle: 'medium',
              timeStyle: 'short',
            })
          : '',
      }),
      href: `${prefix}/assignments/${a.id}/`,
    }));
}

/**
 * The signed-in learner's assignments, asked once per page however many labs and quizzes it has;
 * none for a visitor who is not signed in, or when the server cannot be reached.
 */
function myAssignments(): Promise<Assigned[]> {
  return fetch('/api/me/assignments')
    .then((response) => (response.ok ? response.json() : { assignments: [] }))
    .then((body: { assignments?: Assigned[] }) => body.assignments ?? [])
    .catch(() => []);
}

/** A paragraph of `text`, set as text (never markup): titles and class names are people's words. */
function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

/**
 * On a prerendered lesson, tells a signed-in learner that an exercise or quiz of the page is
 * assigned to them: by which class, when it is due, where to do it, and that practice here does not
 * count. Asked when the page is idle, so it never delays a lab.
 */
export function showAssignedNotices(): void {
  const places = [...document.querySelectorAll<HTMLElement>('[data-assigned]')];
  if (places.length === 0) return;
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1));
  idle(() => {
    void myAssignments().then((all) => {
      for (const element of places) {
        const place = JSON.parse(element.dataset.assigned ?? '{}') as AssignedPlace;
        const lines = assignedLines(all, place);
        if (lines.length === 0) continue;
        const aside = document.createElement('aside');
        aside.className = 'starlight-aside starlight-aside--note assigned-notice';
        aside.setAttribute('aria-label', place.labels.title);
        const content = document.createElement('div');
        content.className = 'starlight-aside__content';
        for (const line of lines) {
          const p = paragraph(`${line.text} `);
          const link = document.createElement('a');
          link.href = line.href;
          link.textContent = place.labels.link;
          p.append(link);
          content.append(p);
        }
        content.append(paragraph(place.labels.elsewhere));
        aside.append(paragraph(place.labels.title, 'starlight-aside__title'), content);
        element.replaceChildren(aside);
      }
    });
  });
}
