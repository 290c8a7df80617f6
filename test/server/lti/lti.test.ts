import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as submit } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { POST as deepLinkRespond } from '../../../src/pages/lti/deep-link/[id]/respond';
import { GET as loginRoute } from '../../../src/pages/lti/login';
import { ENGINE_VERSION } from '../../../src/sandbox/sandbox';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { registerPlatform } from '../../../src/server/lti/platforms';
import { createInvite, registerDynamically } from '../../../src/server/lti/registration';
import { syncRoster } from '../../../src/server/lti/roster';
import { scorePostsOfClass, sendDueScores } from '../../../src/server/lti/scores';
import { updateClass } from '../../../src/server/queries/classes';
import { gradebook } from '../../../src/server/queries/submissions';
import { LtiBrowser, serveToolKeys } from '../../lti/browser';
import { ROLES, TestPlatform } from '../../lti/platform';
import { ENGINES, freshDatabase } from '../../setup/databases';

const solved = {
  exercise: 'out-of-memory',
  exerciseVersion: 1,
  engine: ENGINE_VERSION,
  transcript: [{ type: 'input', text: 'docker run --name hog -m 64m alpine tail /dev/zero' }],
};
let keys = 0;
const key = () => `lti-${Date.now()}-${++keys}`;

/** Rows of every table a launch may write, to prove a refused launch wrote nothing. */
async function footprint(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'users',
    'classes',
    'enrolments',
    'class_staff',
    'lti_accounts',
    'lti_contexts',
    'lti_links',
    'assignments',
    'sessions',
    'lti_deep_links',
  ]) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

describe.each(ENGINES)('LTI 1.3 with a platform on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let platform: TestPlatform;
  let tool: Awaited<ReturnType<typeof serveToolKeys>>;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
    tool = await serveToolKeys();
    platform = await new TestPlatform().start();
    platform.tool = tool.origin;
  });
  afterAll(async () => {
    await platform.stop();
    tool.server.close();
    await drop();
  });

  it('registers dynamically with a one-time invite, and refuses the invite a second time', async () => {
    const invite = new URL(await createInvite(db, new URL(tool.origin))).searchParams.get('invite') as string;
    const input = {
      invite,
      configurationUrl: `${platform.origin}/.well-known/openid-configuration`,
      registrationToken: platform.registrationToken,
    };
    const done = await registerDynamically(db, input, new URL(tool.origin));
    expect(done.ok && done.platform).toMatchObject({
      issuer: platform.issuer,
      clientId: platform.clientId,
      deploymentIds: [platform.deploymentId],
      tokenUrl: `${platform.origin}/token`,
    });
    expect(platform.registration).toMatchObject({
      initiate_login_uri: `${tool.origin}/lti/login`,
      redirect_uris: [`${tool.origin}/lti/launch`],
      jwks_uri: `${tool.origin}/lti/jwks`,
      token_endpoint_auth_method: 'private_key_jwt',
    });
    expect(await registerDynamically(db, input, new URL(tool.origin))).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('launches an instructor who deep-links an exercise and a quiz with a due date', async () => {
    const iris = platform.person('iris', 'Iris Instructor', ROLES.instructor);
    const browser = new LtiBrowser(tool.origin);
    const launched = await browser.launch(platform, iris, 'deep');
    expect(launched.status).toBe(303);
    const landing = launched.headers.get('location') as string;
    expect(landing).toMatch(/^\/lti\/deep-link\/[0-9a-f-]{36}\/$/);
    const requestId = landing.split('/')[3] as string;
    const answer = await browser.call(deepLinkRespond, {
      path: `/lti/deep-link/${requestId}/respond`,
      params: { id: requestId },
      origin: tool.origin,
      form: { lang: 'en', item: 'exercise:out-of-memory', due: '2099-01-31' },
    });
    // Two picks: the form's repeated fields.
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(answer.headers.get('content-security-policy')).toContain(`form-action ${platform.origin}`);
    const jwt = /name="JWT" value="([^"]+)"/.exec(page)?.[1] as string;
    const returned = await fetch(`${platform.origin}/deep-link-return`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ JWT: jwt }),
    });
    expect(returned.status).toBe(200);
    expect(platform.lineItems).toHaveLength(1);
    expect(platform.lineItems[0]).toMatchObject({
      scoreMaximum: 100,
      endDateTime: '2099-01-31T23:59:59Z',
      targetLinkUri: `${tool.origin}/lti/activity/exercise/out-of-memory`,
    });
    expect(platform.deepLinkAnswers[0]?.['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe(
      'opaque-platform-data',
    );
    // The request is answered once.
    const again = await browser.call(deepLinkRespond, {
      path: `/lti/deep-link/${requestId}/respond`,
      params: { id: requestId },
      origin: tool.origin,
      form: { lang: 'en', item: 'quiz:final-assessment' },
    });
    expect(again.status).toBe(404);
    // A second deep link adds the quiz.
    const second = (await browser.launch(platform, iris, 'deep')).headers.get('location') as string;
    const id2 = second.split('/')[3] as string;
    const quizAnswer = await browser.call(deepLinkRespond, {
      path: `/lti/deep-link/${id2}/respond`,
      params: { id: id2 },
      origin: tool.origin,
      form: { lang: 'en', item: 'quiz:final-assessment' },
    });
    const jwt2 = /name="JWT" value="([^"]+)"/.exec(await quizAnswer.text())?.[1] as string;
    await fetch(`${platform.origin}/deep-link-return`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ JWT: jwt2 }),
    });
    expect(platform.lineItems.map((l) => l.resourceLinkId)).toEqual(['link-1', 'link-2']);
  });

  it('launches learners into the linked assignment and posts each verified score once, as the gradebook shows it', async () => {
    const ada = platform.person('ada', 'Ada Learner', ROLES.learner);
    const browser = new LtiBrowser(tool.origin, '10.9.0.2');
    const launched = await browser.launch(platform, ada, 'link-1');
    expect(launched.status).toBe(303);
    const assignmentId = (launched.headers.get('location') as string).split('/')[2] as string;
    const [assignment] = await db.query<{ dueAt: Date; kind: string }>(
      'select due_at as "dueAt", kind from assignments where id = $1',
      [assignmentId],
    );
    expect(assignment?.kind).toBe('exercise');
    expect(new Date(assignment?.dueAt as Date).toISOString()).toBe('2099-01-31T23:59:59.000Z');
    const submitted = await browser.call(submit, {
      path: `/api/assignments/${assignmentId}/submissions`,
      params: { id: assignmentId },
      json: { idempotencyKey: key(), evidence: solved },
    });
    expect(submitted.status).toBe(201);
    expect(await sendDueScores(db)).toEqual(['sent']);
    expect(await sendDueScores(db)).toEqual([]);
    expect(platform.scores).toHaveLength(1);
    expect(platform.scores[0]).toMatchObject({
      lineItem: '1',
      body: { userId: 'ada', scoreGiven: 100, scoreMaximum: 100, gradingProgress: 'FullyGraded' },
    });
    // The same launch again lands on the same assignment.
    const back = await browser.launch(platform, ada, 'link-1');
    expect(back.headers.get('location')).toBe(`/assignments/${assignmentId}/`);
  });

  it('keeps a score through a failing platform and sends it once the platform recovers', async () => {
    const bob = platform.person('bob', 'Bob Learner', ROLES.learner);
    const browser = new LtiBrowser(tool.origin, '10.9.0.3');
    const assignmentId = (
      (await browser.launch(platform, bob, 'link-1')).headers.get('location') as string
    ).split('/')[2] as string;
    platform.failScores = 1;
    platform.hangScores = 1;
    await browser.call(submit, {
      path: `/api/assignments/${assignmentId}/submissions`,
      params: { id: assignmentId },
      json: { idempotencyKey: key(), evidence: solved },
    });
    const before = platform.scores.length;
    const [classRow] = await db.query<{ classId: string; owner: string }>(
      'select a.class_id as "classId", c.instructor_id as owner from assignments a join classes c on c.id = a.class_id where a.id = $1',
      [assignmentId],
    );
    const bobsPost = async () =>
      (await scorePostsOfClass(db, classRow?.owner as string, classRow?.classId as string)).find(
        (p) => p.learner === 'Bob Learner',
      );
    // First the platform never answers, then it answers 500: both wait for a retry.
    expect(await sendDueScores(db, { timeoutMs: 300 })).toEqual(['retry']);
    expect(await bobsPost()).toMatchObject({
      status: 'queued',
      tries: 1,
      lastError: expect.stringMatching(/aborted|timeout/i),
    });
    await db.query('update lti_score_posts set next_try_at = now() where status = $1', ['queued']);
    expect(await sendDueScores(db, { timeoutMs: 300 })).toEqual(['retry']);
    expect(await bobsPost()).toMatchObject({
      status: 'queued',
      tries: 2,
      lastError: 'the platform answered HTTP 500',
    });
    expect(platform.scores.length).toBe(before);
    await db.query('update lti_score_posts set next_try_at = now() where status = $1', ['queued']);
    expect(await sendDueScores(db)).toEqual(['sent']);
    expect(platform.scores.filter((s) => s.body.userId === 'bob')).toHaveLength(1);
  });

  it('syncs the roster, enrolling learners who have not launched yet', async () => {
    platform.person('cleo', 'Cleo Learner', ROLES.learner);
    platform.person('tom', 'Tom Assistant', ROLES.ta);
    const [klass] = await db.query<{ id: string; owner: string }>(
      'select c.id, c.instructor_id as owner from classes c join lti_contexts x on x.class_id = c.id',
    );
    const synced = await syncRoster(db, klass?.owner as string, klass?.id as string);
    expect(synced).toMatchObject({ ok: true, learners: 3, added: 1, staff: 2, truncated: false });
    const names = await db.query<{ name: string }>(
      'select u.name from enrolments e join users u on u.id = e.user_id where e.class_id = $1 order by u.name',
      [klass?.id],
    );
    expect(names.map((n) => n.name)).toEqual(['Ada Learner', 'Bob Learner', 'Cleo Learner']);
    // A learner may not sync it.
    const [ada] = await db.query<{ id: string }>(
      "select user_id as id from lti_accounts where subject = 'ada'",
    );
    expect(await syncRoster(db, ada?.id as string, klass?.id as string)).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it('offers a new window when the frame lost the login cookie, and that window completes the launch', async () => {
    const framed = new LtiBrowser(tool.origin, '10.9.0.5');
    const form = await framed.authorise(platform, platform.people.get('ada') as never, 'link-1');
    framed.cookies.clear(); // a browser that blocks cookies in other sites' frames
    const before = await footprint(db);
    const page = await framed.post(form);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      `frame-ancestors 'self' ${platform.origin}`,
    );
    const link = /href="([^"]+)" target="_blank"/.exec(await page.text());
    expect(link).not.toBeNull();
    const href = (link?.[1] ?? '').replace(/&amp;/g, '&');
    const again = new URL(href);
    expect(again.pathname).toBe('/lti/login');
    expect(again.searchParams.get('login_hint')).toBe('ada');
    expect(again.searchParams.get('lti_message_hint')).toBe('link-1');
    expect(await footprint(db)).toEqual(before);
    // The window of its own begins the same login again, with its own cookie.
    const window = new LtiBrowser(tool.origin, '10.9.0.5');
    const launched = await window.launch(platform, platform.people.get('ada') as never, 'link-1');
    expect(launched.status).toBe(303);
    expect(launched.headers.get('location')).toMatch(/^\/assignments\//);
  });

  it('lets a teaching assistant see the class’s grades, but not rename the class', async () => {
    const tom = platform.people.get('tom') ?? platform.person('tom', 'Tom Assistant', ROLES.ta);
    const launched = await new LtiBrowser(tool.origin, '10.9.0.6').launch(platform, tom, 'link-1');
    expect(launched.status).toBe(303);
    const [row] = await db.query<{ userId: string; classId: string; role: string }>(
      `select t.user_id as "userId", t.class_id as "classId", t.role from class_staff t
       join lti_accounts a on a.user_id = t.user_id where a.subject = 'tom'`,
    );
    expect(row?.role).toBe('ta');
    const book = await gradebook(db, row?.userId as string, row?.classId as string);
    expect(book?.learners.map((l) => l.name)).toContain('Ada Learner');
    expect(book?.learners.find((l) => l.name === 'Ada Learner')?.email).toBe('ada@school.example');
    expect(
      await updateClass(db, row?.userId as string, row?.classId as string, { name: 'Mine now' }),
    ).toBeUndefined();
  });

  it('lets the platform’s storage vouch for the state where the frame keeps no cookie, once', async () => {
    platform.storage = true;
    try {
      const framed = new LtiBrowser(tool.origin, '10.9.0.7');
      const ada = platform.people.get('ada') as never;
      const login = new URL(platform.loginUrl(ada, 'link-1'));
      const begun = await framed.call(loginRoute, { path: `/lti/login${login.search}` });
      // The login keeps the state in the platform's window before it goes to the platform.
      expect(begun.status).toBe(200);
      const put = await begun.text();
      expect(put).toContain('data-mode="put"');
      expect(put).toContain(`data-origin="${platform.origin}"`);
      const next = (/data-next="([^"]+)"/.exec(put)?.[1] ?? '').replace(/&amp;/g, '&');
      const page = await (await fetch(next)).text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
      const form = { id_token: field('id_token'), state: field('state') };
      framed.cookies.clear();
      const check = await framed.post(form);
      const checkPage = await check.text();
      expect(checkPage).toContain('data-mode="get"');
      expect(checkPage).toContain(`data-value="${form.state}"`);
      const resume = /name="lti_resume" value="([^"]+)"/.exec(checkPage)?.[1] ?? '';
      // A made-up resume token does not pass; the one the page was given does, once.
      const before = await footprint(db);
      const forged = await framed.post({ ...form, lti_resume: 'forged' });
      expect(forged.status).toBe(401);
      expect(await footprint(db)).toEqual(before);
      const resumed = await framed.post({ ...form, lti_resume: resume });
      expect(resumed.status).toBe(303);
      expect(resumed.headers.get('location')).toMatch(/^\/assignments\//);
      expect((await framed.post({ ...form, lti_resume: resume })).status).toBe(401);
    } finally {
      platform.storage = false;
    }
  });

  it('never links a launch to a local account by email', async () => {
    await db.query(
      "insert into users (email, name, password_hash, role) values ('eve@school.example', 'Local Eve', 'x', 'instructor')",
    );
    const eve = platform.person('eve', 'Eve Learner', ROLES.learner);
    const launched = await new LtiBrowser(tool.origin, '10.9.0.4').launch(platform, eve, 'link-1');
    expect(launched.status).toBe(303);
    const rows = await db.query<{ name: string; email: string | null }>(
      "select name, email from users where name like '%Eve%' order by name",
    );
    expect(rows).toEqual([
      { name: 'Eve Learner', email: null },
      { name: 'Local Eve', email: 'eve@school.example' },
    ]);
  });

  describe('refuses, with a clear page and nothing stored', () => {
    const refused = async (
      next: {
        claims?: Record<string, unknown>;
        signer?: Awaited<ReturnType<typeof TestPlatform.strangerSigner>>;
      },
      expected: RegExp,
      message = 'link-1',
      person = 'ada',
    ) => {
      const browser = new LtiBrowser(tool.origin, '10.9.1.1');
      const who = platform.people.get(person) ?? platform.person(person, 'Someone', ROLES.learner);
      platform.nextClaims = next.claims ?? {};
      platform.nextSigner = next.signer;
      const form = await browser.authorise(platform, who, message);
      const before = await footprint(db);
      const response = await browser.post(form);
      expect(response.headers.get('content-type')).toContain('text/html');
      const text = await response.text();
      expect(text).toMatch(expected);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await footprint(db)).toEqual(before);
      return text;
    };

    it('a replayed launch', async () => {
      const browser = new LtiBrowser(tool.origin, '10.9.1.2');
      const form = await browser.authorise(platform, platform.people.get('ada') as never, 'link-1');
      expect((await browser.post(form)).status).toBe(303);
      const before = await footprint(db);
      // The same form again, with the login's cookie put back as an attacker would.
      browser.cookies.set(
        `quayside_lti_${(await import('../../../src/server/lti/login')).stateHash(form.state as string).slice(0, 16)}`,
        {
          value: form.state as string,
          options: {},
        },
      );
      const again = await browser.post(form);
      expect(again.status).toBe(401);
      expect(await again.text()).toMatch(/expired or was already used/);
      expect(await footprint(db)).toEqual(before);
    });

    it('an id_token replayed into a new login (its nonce is not the new login’s)', async () => {
      const browser = new LtiBrowser(tool.origin, '10.9.1.4');
      const ada = platform.people.get('ada') as never;
      const first = await browser.authorise(platform, ada, 'link-1');
      expect((await browser.post(first)).status).toBe(303);
      const second = await browser.authorise(platform, ada, 'link-1');
      const before = await footprint(db);
      const replayed = await browser.post({
        id_token: first.id_token as string,
        state: second.state as string,
      });
      expect(replayed.status).toBe(401);
      expect(await replayed.text()).toMatch(/does not carry the nonce of its login/);
      expect(await footprint(db)).toEqual(before);
    });

    it('a wrong audience', () => refused({ claims: { aud: 'another-tool' } }, /addressed to another tool/));
    it('a wrong issuer', () => refused({ claims: { iss: 'https://evil.example' } }, /another issuer/));
    it('an unregistered deployment', () =>
      refused(
        { claims: { 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'elsewhere' } },
        /deployment elsewhere is not registered/,
      ));
    it('an expired token', () =>
      refused(
        { claims: { iat: Math.floor(Date.now() / 1000) - 900, exp: Math.floor(Date.now() / 1000) - 600 } },
        /expired/,
      ));
    it('a token signed by a key the platform does not publish', async () =>
      refused({ signer: await TestPlatform.strangerSigner() }, /key the platform does not publish/));
    it('an instructor role claimed in a learner context', () =>
      refused({}, /Only the course&#39;s instructors can add/, 'deep', 'faculty'));
    it('a learner before any instructor opened the course', async () => {
      const other = await new TestPlatform().start();
      other.tool = tool.origin;
      await registerPlatform(db, other.manualRegistration());
      const browser = new LtiBrowser(tool.origin, '10.9.1.3');
      const before = await footprint(db);
      other.lineItems.push({
        id: '1',
        url: `${other.origin}/lineitems/1`,
        resourceLinkId: 'link-1',
        label: 'x',
        scoreMaximum: 100,
        targetLinkUri: `${tool.origin}/lti/activity/exercise/out-of-memory`,
        custom: {},
      });
      const response = await browser.launch(other, other.person('zed', 'Zed', ROLES.learner), 'link-1');
      expect(response.status).toBe(409);
      expect(await response.text()).toMatch(/instructor has not opened Quayside/);
      expect(await footprint(db)).toEqual(before);
      await other.stop();
    });
  });

  it('gives a learner who teaches elsewhere no rights in this course', async () => {
    platform.person('faculty', 'Fay Faculty', ROLES.facultyLearner);
    const response = await new LtiBrowser(tool.origin, '10.9.2.1').launch(
      platform,
      platform.people.get('faculty') as never,
      'link-1',
    );
    expect(response.status).toBe(303);
    const [row] = await db.query<{ role: string; enrolled: boolean; staff: boolean }>(
      `select u.role, exists (select 1 from enrolments e where e.user_id = u.id) as enrolled,
         exists (select 1 from class_staff t where t.user_id = u.id) as staff
       from lti_accounts a join users u on u.id = a.user_id where a.subject = 'faculty'`,
    );
    expect(row).toEqual({ role: 'learner', enrolled: true, staff: false });
  });
});
