import { describe, expect, it } from 'vitest';
import { setSessionCookie } from '../../../src/server/auth/session';
import { activityOf, activityUrl } from '../../../src/server/lti/activity';
import { catalogue } from '../../../src/server/lti/catalogue';
import { attemptsAllowed, contentItem } from '../../../src/server/lti/deep-linking';
import { courseLessons } from '../../../src/server/lti/lessons';
import { crossSiteCookie } from '../../../src/server/lti/login';
import { courseRole } from '../../../src/server/lti/roles';
import { nextLink } from '../../../src/server/lti/roster';
import { retryDelaySeconds, scoreBody, scoresUrl } from '../../../src/server/lti/scores';

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const site = new URL('https://quayside.example');

describe('course roles', () => {
  it('reads context roles, full or short, and the teaching assistant sub-role', () => {
    expect(courseRole([`${M}Instructor`])).toBe('instructor');
    expect(courseRole(['Instructor'])).toBe('instructor');
    expect(courseRole([`${M}Learner`])).toBe('learner');
    expect(
      courseRole(['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant']),
    ).toBe('ta');
  });
  it('gives institution and system roles no say in the course', () => {
    expect(
      courseRole(['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor', `${M}Learner`]),
    ).toBe('learner');
    expect(
      courseRole(['http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator']),
    ).toBeUndefined();
    expect(courseRole([])).toBeUndefined();
  });
});

describe('activities', () => {
  it('round-trips an activity through its address, on this site only', () => {
    const url = activityUrl(site, { kind: 'quiz', id: 'final-assessment' });
    expect(url).toBe('https://quayside.example/lti/activity/quiz/final-assessment');
    expect(activityOf(url, site)).toEqual({ kind: 'quiz', id: 'final-assessment' });
    expect(activityOf('https://evil.example/lti/activity/quiz/final-assessment', site)).toBeUndefined();
    expect(activityOf('https://quayside.example/lti/activity/quiz/../../etc', site)).toBeUndefined();
    expect(activityOf('https://quayside.example/lti/activity/admin/x', site)).toBeUndefined();
  });

  it('makes a graded item a line item out of 100 with its due date, and a lesson a new window', () => {
    const graded = contentItem(site, {
      activity: { kind: 'exercise', id: 'out-of-memory' },
      title: 'OOM',
      dueAt: '2099-01-01T23:59:59Z',
      maxAttempts: 1,
    });
    expect(graded).toMatchObject({
      type: 'ltiResourceLink',
      lineItem: { scoreMaximum: 100, resourceId: 'exercise:out-of-memory' },
      submission: { endDateTime: '2099-01-01T23:59:59Z' },
      custom: { quayside_max_attempts: '1', quayside_due_at: '2099-01-01T23:59:59Z' },
    });
    const lesson = contentItem(site, { activity: { kind: 'lesson', id: 'images' }, title: 'Images' });
    expect(lesson).not.toHaveProperty('lineItem');
    expect(lesson).toMatchObject({ window: { targetName: '_blank' } });
  });

  it('reads the attempts allowed from the picker or a deep link: 1 to 100, otherwise no limit', () => {
    expect(['1', 3, '100', '0', '101', '2.5', 'x', undefined].map(attemptsAllowed)).toEqual([
      1,
      3,
      100,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('lists the numbered lessons of each language from their frontmatter', () => {
    const en = courseLessons('en');
    const zh = courseLessons('zh-cn');
    expect(en.length).toBeGreaterThan(10);
    expect(zh.map((l) => l.slug).sort()).toEqual(en.map((l) => l.slug).sort());
    expect(en.find((l) => l.slug === 'why-isolate')?.lesson).toBe(1);
    expect(zh.find((l) => l.slug === 'why-isolate')?.title).toMatch(/[\u4e00-\u9fff]/);
    const entries = catalogue('zh-cn', zh, [{ id: 'x', title: { en: 'X', 'zh-cn': '叉' } }], []);
    expect(entries.at(-1)).toEqual({ kind: 'exercise', id: 'x', title: '叉' });
  });
});

describe('services', () => {
  it('posts scores to the line item path with its query kept', () => {
    expect(scoresUrl('https://lms.example/api/lti/courses/1/line_items/7?type=x')).toBe(
      'https://lms.example/api/lti/courses/1/line_items/7/scores?type=x',
    );
    expect(scoresUrl('https://lms.example/lineitems/7/')).toBe('https://lms.example/lineitems/7/scores');
  });
  it('sends the gradebook percentage, or pending while it is hidden', () => {
    expect(scoreBody('u1', 0.8765, true, 'T')).toEqual({
      userId: 'u1',
      scoreGiven: 87.7,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: 'T',
    });
    expect(scoreBody('u1', 0.5, false, 'T')).toEqual({
      userId: 'u1',
      activityProgress: 'Submitted',
      gradingProgress: 'Pending',
      timestamp: 'T',
    });
  });
  it('backs off, then retries hourly', () => {
    expect([1, 2, 3, 7, 8, 50].map(retryDelaySeconds)).toEqual([10, 30, 60, 1800, 3600, 3600]);
  });
  it('follows a roster Link header to its next page', () => {
    expect(nextLink('<https://lms.example/m?p=2>; rel="next", <https://lms.example/m?p=9>; rel="last"')).toBe(
      'https://lms.example/m?p=2',
    );
    expect(nextLink('<https://lms.example/m?p=1>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
  it('makes cookies a cross-site frame keeps over HTTPS, and Lax over plain HTTP', () => {
    expect(crossSiteCookie(new URL('https://q.example/'))).toEqual({
      httpOnly: true,
      secure: true,
      sameSite: 'none',
      partitioned: true,
    });
    const set: Record<string, unknown>[] = [];
    const jar = {
      set: (_name: string, _value: string, options: Record<string, unknown>) => set.push(options),
    };
    setSessionCookie(jar as never, new URL('https://q.example/'), 't', new Date(), { framed: true });
    setSessionCookie(jar as never, new URL('https://q.example/'), 't', new Date());
    expect(set.map((o) => [o.sameSite, o.partitioned, o.secure])).toEqual([
      ['none', true, true],
      ['lax', undefined, true],
    ]);
    expect(crossSiteCookie(new URL('http://localhost/'))).toEqual({
      httpOnly: true,
      secure: false,
      sameSite: 'lax',
      partitioned: false,
    });
  });
});
