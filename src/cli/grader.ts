/**
 * `npm run grader`: a process that grades real-machine submissions from the queue in the shared
 * PostgreSQL (`DATABASE_URL`). Start as many as the machines have cores to spare; each takes one
 * grading at a time. Set `QUAYSIDE_GRADER=off` on the app servers when graders run apart from them.
 */
import { configFromEnv, openDatabase } from '../server/db/open.ts';
import { Grader } from '../server/grader/grader.ts';

if (!process.env.DATABASE_URL) {
  console.error(
    'npm run grader needs DATABASE_URL: a PostgreSQL server shared with the app. With the embedded database the app grades in its own process.',
  );
  process.exit(2);
}
const db = await openDatabase(configFromEnv());
const grader = new Grader(async () => db);
grader.start();
console.log(`grader ${grader.name}: taking real-machine gradings from the queue`);
const stop = async () => {
  await grader.stop();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
