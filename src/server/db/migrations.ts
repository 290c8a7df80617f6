import type { Database } from './database.ts';

/**
 * The schema's history, oldest first. A migration never changes once released: add a new one.
 * Each runs in its own transaction and is recorded in `schema_migrations`.
 */
export const MIGRATIONS: { id: string; sql: string }[] = [
  {
    id: '001-accounts',
    sql: `
      create table users (
        id uuid primary key default gen_random_uuid(),
        email text not null,
        name text not null,
        password_hash text not null,
        role text not null check (role in ('learner', 'instructor')),
        created_at timestamptz not null default now()
      );
      create unique index users_email on users (lower(email));

      create table sessions (
        token_hash text primary key,
        user_id uuid not null references users (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      );
      create index sessions_user on sessions (user_id);
    `,
  },
  {
    id: '002-classes',
    sql: `
      create table classes (
        id uuid primary key default gen_random_uuid(),
        instructor_id uuid not null references users (id) on delete cascade,
        name text not null,
        join_code text not null unique,
        join_enabled boolean not null default true,
        join_expires_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index classes_instructor on classes (instructor_id);

      create table enrolments (
        class_id uuid not null references classes (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        joined_at timestamptz not null default now(),
        primary key (class_id, user_id)
      );
      create index enrolments_user on enrolments (user_id);
    `,
  },
  {
    id: '003-assignments',
    sql: `
      create table assignments (
        id uuid primary key default gen_random_uuid(),
        class_id uuid not null references classes (id) on delete cascade,
        kind text not null check (kind in ('exercise', 'quiz')),
        content_id text not null,
        content_version integer not null,
        title text not null,
        opens_at timestamptz not null default now(),
        due_at timestamptz,
        max_attempts integer check (max_attempts is null or max_attempts > 0),
        grading text not null default 'highest' check (grading in ('highest', 'last', 'first', 'average')),
        late_percent_per_day numeric not null default 0 check (late_percent_per_day between 0 and 100),
        late_floor_percent numeric not null default 0 check (late_floor_percent between 0 and 100),
        created_at timestamptz not null default now()
      );
      create index assignments_class on assignments (class_id);

      create table extensions (
        assignment_id uuid not null references assignments (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        due_at timestamptz not null,
        primary key (assignment_id, user_id)
      );

      create table submissions (
        id uuid primary key default gen_random_uuid(),
        assignment_id uuid not null references assignments (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        idempotency_key text not null,
        attempt integer not null,
        score numeric not null,
        days_late integer not null default 0,
        final_score numeric not null,
        result jsonb not null,
        evidence jsonb not null,
        submitted_at timestamptz not null default now(),
        unique (user_id, idempotency_key),
        unique (assignment_id, user_id, attempt)
      );
      create index submissions_assignment on submissions (assignment_id, user_id);
    `,
  },
  {
    id: '004-shared-state',
    sql: `
      -- Rate limits and quiz attempts live here, not in a process's memory, so that any number of
      -- app processes on one PostgreSQL share them.
      create table rate_limits (
        key text primary key,
        tokens double precision not null,
        at timestamptz not null
      );
      create index rate_limits_at on rate_limits (at);

      create table quiz_attempts (
        id uuid primary key,
        quiz text not null,
        version integer not null,
        seed text not null,
        started_at timestamptz not null default now(),
        state jsonb not null
      );
      create index quiz_attempts_started on quiz_attempts (started_at);

      create table solution_views (
        user_id uuid not null references users (id) on delete cascade,
        exercise text not null,
        task text not null,
        at timestamptz not null default now(),
        primary key (user_id, exercise, task)
      );
    `,
  },
  {
    id: '005-grading-jobs',
    sql: `
      -- Real-machine gradings wait here for any grader process on the database (npm run grader, or
      -- the app's own thread with the embedded database). Claimed with FOR UPDATE SKIP LOCKED.
      create table grading_jobs (
        id uuid primary key default gen_random_uuid(),
        exercise text not null,
        -- The exercise as the app knew it when queued: graders need no content files of their own.
        spec jsonb not null,
        input text not null,
        user_id uuid references users (id) on delete set null,
        status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
        result jsonb,
        error text,
        worker text,
        tries integer not null default 0,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz,
        wanted_until timestamptz not null
      );
      create index grading_jobs_queued on grading_jobs (created_at) where status = 'queued';
    `,
  },
  {
    id: '006-lti',
    sql: `
      -- LTI 1.3: an account made by a platform has no password and may have no email; it is found by
      -- (platform, subject), never by email, so a launch can never take over a local account.
      alter table users alter column email drop not null;
      alter table users alter column password_hash drop not null;

      create table lti_platforms (
        id uuid primary key default gen_random_uuid(),
        issuer text not null,
        client_id text not null,
        name text not null,
        auth_login_url text not null,
        token_url text not null,
        jwks_url text not null,
        -- Origins allowed to frame Quayside's pages in a session this platform began.
        frame_origins text[] not null default '{}',
        created_at timestamptz not null default now(),
        unique (issuer, client_id)
      );
      create table lti_deployments (
        platform_id uuid not null references lti_platforms (id) on delete cascade,
        deployment_id text not null,
        primary key (platform_id, deployment_id)
      );
      -- The tool's own signing keys; the newest unretired one signs, all unexpired ones are published.
      create table lti_keys (
        kid text primary key,
        private_jwk jsonb not null,
        public_jwk jsonb not null,
        created_at timestamptz not null default now(),
        retired_at timestamptz
      );
      -- OpenID Connect logins in flight: each state is used once.
      create table lti_logins (
        state_hash text primary key,
        nonce text not null,
        platform_id uuid not null references lti_platforms (id) on delete cascade,
        -- The login's own parameters, to begin it again in a new window where the frame has no cookies.
        params jsonb not null,
        -- Where the frame has no cookies, the platform's storage vouches for the state instead, and
        -- this one-time token (hashed) lets the page that checked it finish the launch.
        resume_hash text,
        expires_at timestamptz not null
      );
      create table lti_nonces (
        platform_id uuid not null references lti_platforms (id) on delete cascade,
        nonce text not null,
        expires_at timestamptz not null,
        primary key (platform_id, nonce)
      );
      create table lti_accounts (
        platform_id uuid not null references lti_platforms (id) on delete cascade,
        subject text not null,
        user_id uuid not null unique references users (id) on delete cascade,
        -- The email the platform gave, for the instructor's eyes only (not unique, never a login).
        email text,
        primary key (platform_id, subject)
      );
      create table lti_contexts (
        platform_id uuid not null references lti_platforms (id) on delete cascade,
        deployment_id text not null,
        context_id text not null,
        class_id uuid not null unique references classes (id) on delete cascade,
        memberships_url text,
        primary key (platform_id, deployment_id, context_id)
      );
      -- Teachers of a class besides its owner: other instructors and teaching assistants.
      create table class_staff (
        class_id uuid not null references classes (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        role text not null check (role in ('instructor', 'ta')),
        primary key (class_id, user_id)
      );
      create table lti_links (
        platform_id uuid not null references lti_platforms (id) on delete cascade,
        deployment_id text not null,
        resource_link_id text not null,
        assignment_id uuid not null unique references assignments (id) on delete cascade,
        lineitem_url text,
        primary key (platform_id, deployment_id, resource_link_id)
      );
      -- Scores owed to platforms. One row per reason (a submission, an extension, a re-grade), so a
      -- retry never posts twice; the score itself is read from the gradebook when it is sent.
      create table lti_score_posts (
        id uuid primary key default gen_random_uuid(),
        assignment_id uuid not null references assignments (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        reason text not null,
        status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
        tries integer not null default 0,
        next_try_at timestamptz not null default now(),
        score_given numeric,
        score_maximum numeric,
        last_error text,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        unique (assignment_id, user_id, reason)
      );
      create index lti_score_posts_due on lti_score_posts (next_try_at) where status = 'queued';
      create table lti_registration_invites (
        token_hash text primary key,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz
      );
      -- A deep-linking request waiting for the instructor's choice.
      create table lti_deep_links (
        id uuid primary key default gen_random_uuid(),
        platform_id uuid not null references lti_platforms (id) on delete cascade,
        deployment_id text not null,
        user_id uuid not null references users (id) on delete cascade,
        return_url text not null,
        data text,
        accept_multiple boolean not null default false,
        expires_at timestamptz not null
      );
      alter table sessions add column lti_platform_id uuid references lti_platforms (id) on delete cascade;
    `,
  },
  {
    id: '007-archive',
    sql: `
      -- An archived class or assignment is out of learners' sight but keeps every submission, so
      -- its grades stay in the gradebook and its CSV; only an archived one (or one nobody has
      -- submitted to) may be deleted.
      alter table classes add column archived_at timestamptz;
      alter table assignments add column archived_at timestamptz;
    `,
  },
  {
    id: '008-progress',
    sql: `
      -- How far each learner got with each exercise and quiz, from grading the server did itself
      -- (practice, assignments, the real machine): the best score until it is done, then the first
      -- time it was done.
      create table progress (
        user_id uuid not null references users (id) on delete cascade,
        kind text not null check (kind in ('exercise', 'quiz')),
        content_id text not null,
        content_version integer not null,
        score numeric not null check (score between 0 and 1),
        -- Fixed when it is first done: the score, the date, the solutions the server saw opened by then.
        solutions_opened integer not null default 0,
        done_at timestamptz,
        -- How many times it was done (a quiz finished again, an exercise passed again).
        finished integer not null default 0,
        updated_at timestamptz not null default now(),
        primary key (user_id, kind, content_id)
      );
      -- A learner's course record, shown to anyone with its address until the learner stops sharing.
      create table progress_shares (
        id text primary key,
        user_id uuid not null unique references users (id) on delete cascade,
        created_at timestamptz not null default now()
      );
    `,
  },
];

/**
 * Brings the schema up to date. On a real server several app processes may start at once, so an
 * advisory lock lets one migrate while the others wait.
 */
export async function migrate(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(7355608)');
    await tx.query(
      'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id),
    );
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
