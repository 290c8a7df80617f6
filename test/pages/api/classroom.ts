import { POST as login } from '../../../src/pages/api/auth/login';
import { POST as signup } from '../../../src/pages/api/auth/signup';
import { POST as createClass } from '../../../src/pages/api/classes/index';
import { POST as join } from '../../../src/pages/api/classes/join';
import { hashPassword } from '../../../src/server/auth/password';
import type { Database } from '../../../src/server/db/database';
import { createUser } from '../../../src/server/queries/users';
import { Client } from './client';

export const PASSWORD = 'correct horse battery';

export interface Classroom {
  teacher: Client;
  classId: string;
  learners: Record<string, Client & { id: string }>;
}

/** An instructor (made in the database, as an admin would) with one class that `names` have joined. */
export async function classroom(db: Database, tag: string, names: string[]): Promise<Classroom> {
  await createUser(db, {
    email: `${tag}@example.com`,
    name: 'Teacher',
    passwordHash: await hashPassword(PASSWORD),
    role: 'instructor',
  });
  const teacher = new Client();
  await teacher.call(login, { body: { email: `${tag}@example.com`, password: PASSWORD } });
  const klass = (await teacher.call(createClass, { body: { name: tag } })).body.class as {
    id: string;
    joinCode: string;
  };
  const learners: Classroom['learners'] = {};
  for (const name of names) {
    const client = new Client() as Client & { id: string };
    const email = `${name}@${tag}.example`;
    await client.call(signup, { body: { email, name, password: PASSWORD } });
    client.id = (
      (await client.call(login, { body: { email, password: PASSWORD } })).body.user as { id: string }
    ).id;
    await client.call(join, { body: { code: klass.joinCode } });
    learners[name] = client;
  }
  return { teacher, classId: klass.id, learners };
}
