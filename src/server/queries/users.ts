import type { Queryable } from '../db/database.ts';

export type Role = 'learner' | 'instructor';

export interface User {
  id: string;
  /** Null for an account a learning platform made (LTI): it signs in through the platform only. */
  email: string | null;
  name: string;
  role: Role;
}

const USER_COLUMNS = 'id, email, name, role';

/** Creates an account; `taken` when the email (compared case-insensitively) already has one. */
export async function createUser(
  db: Queryable,
  input: { email: string; name: string; passwordHash: string; role: Role },
): Promise<User | 'taken'> {
  const rows = await db.query<User>(
    `insert into users (email, name, password_hash, role) values ($1, $2, $3, $4)
     on conflict (lower(email)) do nothing returning ${USER_COLUMNS}`,
    [input.email, input.name, input.passwordHash, input.role],
  );
  return rows[0] ?? 'taken';
}

/** The account and its password hash, for signing in. */
export async function findLogin(
  db: Queryable,
  email: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const rows = await db.query<User & { passwordHash: string }>(
    `select ${USER_COLUMNS}, password_hash as "passwordHash" from users where lower(email) = lower($1)`,
    [email],
  );
  return rows[0];
}

/** Stores a session; one begun by an LTI launch names its platform, whose pages may then frame Quayside's. */
export async function createSession(
  db: Queryable,
  userId: string,
  tokenHash: string,
  expires: Date,
  ltiPlatformId: string | null = null,
): Promise<void> {
  await db.query(
    'insert into sessions (token_hash, user_id, expires_at, lti_platform_id) values ($1, $2, $3, $4)',
    [tokenHash, userId, expires.toISOString(), ltiPlatformId],
  );
}

/** The origins that may frame pages in this session: its LTI platform's, none for a session of Quayside's own. */
export async function framingOrigins(db: Queryable, tokenHash: string): Promise<string[]> {
  const [row] = await db.query<{ origins: string[] }>(
    `select p.frame_origins as origins from sessions s join lti_platforms p on p.id = s.lti_platform_id
     where s.token_hash = $1 and s.expires_at > now()`,
    [tokenHash],
  );
  return row?.origins ?? [];
}

/** The user a session token belongs to, if the session exists and has not expired. */
export async function userForSession(db: Queryable, tokenHash: string): Promise<User | undefined> {
  const rows = await db.query<User>(
    `select ${USER_COLUMNS.split(', ')
      .map((c) => `u.${c}`)
      .join(', ')} from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > now()`,
    [tokenHash],
  );
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}
