/**
 * `npm run instructor -- --email ada@example.com --name "Ada Lovelace"`: creates an instructor
 * account in the database the server uses (`DATABASE_URL`, or PGlite in `QUAYSIDE_DATA_DIR`). The
 * password is read from standard input, so it never appears in the shell's history.
 */
import { createInterface } from 'node:readline/promises';
import { signupRequest } from '../schemas/account.ts';
import { hashPassword } from '../server/auth/password.ts';
import { configFromEnv, openDatabase } from '../server/db/open.ts';
import { createUser } from '../server/queries/users.ts';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i === -1 ? args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) : args[i + 1];
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Keep the typed password off the screen.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes('Password')) process.stdout.write(s);
  };
  const answer = await rl.question('Password: ');
  rl.close();
  process.stdout.write('\n');
  return answer;
}

const input = signupRequest.safeParse({
  email: option('--email'),
  name: option('--name'),
  password: await readPassword(),
});
if (!input.success) {
  const issue = input.error.issues[0];
  console.error(`instructor: ${issue?.path.join('.') || 'input'}: ${issue?.message}`);
  console.error('usage: npm run instructor -- --email ADDRESS --name NAME   (password on standard input)');
  process.exit(2);
}
let db: Awaited<ReturnType<typeof openDatabase>>;
try {
  db = await openDatabase(configFromEnv());
} catch (error) {
  console.error(`instructor: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const user = await createUser(db, {
  email: input.data.email,
  name: input.data.name,
  passwordHash: await hashPassword(input.data.password),
  role: 'instructor',
});
await db.close();
if (user === 'taken') {
  console.error(`instructor: an account with the email ${input.data.email} already exists`);
  process.exit(1);
}
console.log(`Created instructor ${user.name} <${user.email}>.`);
