/**
 * `npm run lti -- <command>`: the site administrator's LTI 1.3 registrations, in the database the
 * server uses (`DATABASE_URL`, or PGlite in `QUAYSIDE_DATA_DIR`).
 *
 *   invite --site URL           a one-time Dynamic Registration link for a platform's administrator
 *   add-platform --name N --issuer URL --client-id ID --deployment ID [--deployment ID ...]
 *                --auth-login-url URL --token-url URL --jwks-url URL [--frame-origin ORIGIN ...]
 *   add-deployment --issuer URL --client-id ID --deployment ID
 *   add-frame-origin --issuer URL --client-id ID --origin ORIGIN   where the platform's pages live
 *   list                        registered platforms
 *   remove --issuer URL --client-id ID
 *   rotate-key                  a new signing key; the old one stays published for a week
 */
import { platformRegistration } from '../schemas/lti-platform.ts';
import { configFromEnv, openDatabase } from '../server/db/open.ts';
import { rotateKeys } from '../server/lti/keys.ts';
import { listPlatforms, platformFor, registerPlatform, removePlatform } from '../server/lti/platforms.ts';
import { createInvite } from '../server/lti/registration.ts';

const [command, ...args] = process.argv.slice(2);

/** Every value of `--name` (as `--name value` or `--name=value`). */
function options(name: string): string[] {
  const found: string[] = [];
  args.forEach((a, i) => {
    if (a === name && args[i + 1] !== undefined) found.push(args[i + 1] as string);
    else if (a.startsWith(`${name}=`)) found.push(a.slice(name.length + 1));
  });
  return found;
}
const option = (name: string) => options(name)[0];

function usage(message: string): never {
  console.error(`lti: ${message}`);
  console.error(
    'usage: npm run lti -- invite|add-platform|add-deployment|add-frame-origin|list|remove|rotate-key [options]',
  );
  process.exit(2);
}

let db: Awaited<ReturnType<typeof openDatabase>>;
try {
  db = await openDatabase(configFromEnv());
} catch (error) {
  console.error(`lti: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

async function platformOf(): Promise<NonNullable<Awaited<ReturnType<typeof platformFor>>>> {
  const issuer = option('--issuer');
  if (!issuer) usage('name the platform with --issuer (and --client-id)');
  const platform = await platformFor(db, issuer, option('--client-id'));
  if (!platform) usage(`no single platform with the issuer ${issuer} and that client ID is registered`);
  return platform;
}

try {
  switch (command) {
    case 'invite': {
      const site = option('--site');
      if (!site || !URL.canParse(site)) usage('give the address learners use with --site https://…');
      console.log(await createInvite(db, new URL(site)));
      console.log(
        "Paste this link into the platform as the tool's registration URL; it works once, for 7 days.",
      );
      break;
    }
    case 'add-platform': {
      const input = platformRegistration.safeParse({
        name: option('--name'),
        issuer: option('--issuer'),
        clientId: option('--client-id'),
        deploymentIds: options('--deployment'),
        authLoginUrl: option('--auth-login-url'),
        tokenUrl: option('--token-url'),
        jwksUrl: option('--jwks-url'),
        frameOrigins: options('--frame-origin').length ? options('--frame-origin') : undefined,
      });
      if (!input.success) {
        const issue = input.error.issues[0];
        usage(`${issue?.path.join('.') || 'input'}: ${issue?.message}`);
      }
      const p = await registerPlatform(db, input.data);
      console.log(
        `Registered ${p.name}: issuer ${p.issuer}, client ID ${p.clientId}, deployments ${p.deploymentIds.join(', ') || 'none'}.`,
      );
      break;
    }
    case 'add-deployment': {
      const p = await platformOf();
      const deployment = option('--deployment');
      if (!deployment) usage('give the deployment ID with --deployment');
      await db.query(
        'insert into lti_deployments (platform_id, deployment_id) values ($1, $2) on conflict do nothing',
        [p.id, deployment],
      );
      console.log(`Deployment ${deployment} added to ${p.name}.`);
      break;
    }
    case 'add-frame-origin': {
      const p = await platformOf();
      const origin = option('--origin');
      if (!origin || !URL.canParse(origin) || new URL(origin).origin !== origin.replace(/\/$/, ''))
        usage('give an origin such as https://school.instructure.com with --origin');
      await db.query(
        'update lti_platforms set frame_origins = array_append(frame_origins, $2) where id = $1 and not ($2 = any (frame_origins))',
        [p.id, new URL(origin).origin],
      );
      console.log(`${p.name} may now frame Quayside from ${new URL(origin).origin}.`);
      break;
    }
    case 'list':
      for (const p of await listPlatforms(db))
        console.log(
          `${p.name}\n  issuer ${p.issuer}\n  client ID ${p.clientId}\n  deployments ${p.deploymentIds.join(', ') || 'none'}\n  login ${p.authLoginUrl}\n  token ${p.tokenUrl}\n  keys ${p.jwksUrl}\n  framed from ${p.frameOrigins.join(' ')}`,
        );
      break;
    case 'remove': {
      const p = await platformOf();
      await removePlatform(db, p.id);
      console.log(`Removed ${p.name}; its learners' accounts and work stay.`);
      break;
    }
    case 'rotate-key':
      console.log(`New signing key ${await rotateKeys(db)}; the previous key stays published for 7 days.`);
      break;
    default:
      usage(command ? `unknown command ${command}` : 'name a command');
  }
} finally {
  await db.close();
}
