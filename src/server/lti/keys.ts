import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Queryable } from '../db/database.ts';

export const SIGNING_ALG = 'RS256';
/** A retired key stays published this long, so platforms that cached it still verify old messages. */
export const RETIRED_KEY_DAYS = 7;

interface KeyRow {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function newKey(db: Queryable): Promise<KeyRow> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = randomUUID();
  const meta = { kid, alg: SIGNING_ALG, use: 'sig' };
  const row = {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
    publicJwk: { ...(await exportJWK(publicKey)), ...meta },
  };
  await db.query('insert into lti_keys (kid, private_jwk, public_jwk) values ($1, $2, $3)', [
    row.kid,
    JSON.stringify(row.privateJwk),
    JSON.stringify(row.publicJwk),
  ]);
  return row;
}

/** The key the tool signs with now: the newest one not retired, made on first use. */
export async function signingKey(db: Queryable): Promise<{ kid: string; key: CryptoKey }> {
  const [row] = await db.query<KeyRow>(
    `select kid, private_jwk as "privateJwk", public_jwk as "publicJwk" from lti_keys
     where retired_at is null order by created_at desc limit 1`,
  );
  const key = row ?? (await newKey(db));
  return { kid: key.kid, key: (await importJWK(key.privateJwk, SIGNING_ALG)) as CryptoKey };
}

/** Retires every current key and makes a new one; the old stay published for a week. */
export async function rotateKeys(db: Queryable): Promise<string> {
  await db.query('update lti_keys set retired_at = now() where retired_at is null');
  return (await newKey(db)).kid;
}

/** The tool's public keys, as the JWKS platforms fetch. */
export async function publicJwks(db: Queryable): Promise<{ keys: JWK[] }> {
  await signingKey(db);
  const rows = await db.query<{ publicJwk: JWK }>(
    `select public_jwk as "publicJwk" from lti_keys
     where retired_at is null or retired_at > now() - make_interval(days => $1) order by created_at desc`,
    [RETIRED_KEY_DAYS],
  );
  return { keys: rows.map((r) => r.publicJwk) };
}
