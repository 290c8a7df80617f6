import type { ServiceFactory, ServiceModel } from '../services.ts';

const MiB = 1024 * 1024;

/** `postgres`: its processes and its first start's log, or its refusal without a password. */
const POSTGRES: ServiceModel = {
  name: 'postgres',
  ports: [5432],
  memory: 38 * MiB,
  processes: () => [
    { args: 'postgres', rss: 29_000, vsz: 221_000, user: 'postgres' },
    { args: 'postgres: checkpointer ', rss: 6_200, vsz: 221_100, user: 'postgres' },
    { args: 'postgres: background writer ', rss: 6_100, vsz: 221_100, user: 'postgres' },
    { args: 'postgres: walwriter ', rss: 9_800, vsz: 221_000, user: 'postgres' },
    { args: 'postgres: autovacuum launcher ', rss: 8_500, vsz: 222_500, user: 'postgres' },
    { args: 'postgres: logical replication launcher ', rss: 7_900, vsz: 222_500, user: 'postgres' },
  ],
  startup: (c, _iso, start) => {
    const env = new Map(c.config.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    if (!env.get('POSTGRES_PASSWORD') && env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      const err = (text: string) => ({ delay: 30, stream: 'stderr' as const, text });
      return {
        lines: [
          err('Error: Database is uninitialized and superuser password is not specified.'),
          err('       You must specify POSTGRES_PASSWORD to a non-empty value for the'),
          err('       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".'),
          err(''),
          err('       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all'),
          err('       connections without a password. This is *not* recommended.'),
          err(''),
          err('       See PostgreSQL documentation about "trust":'),
          err('       https://www.postgresql.org/docs/current/auth-trust.html'),
        ],
        exit: 1,
      };
    }
    const ts = new Date(start + 2_400).toISOString().replace('T', ' ').slice(0, 23);
    const line = (text: string, delay = 2_400) => ({ delay, stream: 'stdout' as const, text });
    return {
      lines: [
        line('The files belonging to this database system will be owned by user "postgres".', 200),
        line('This user must also own the server process.', 200),
        line('', 200),
        line('Success. You can now start the database server using:', 1_900),
        line('', 1_900),
        line('PostgreSQL init process complete; ready for start up.', 2_300),
        line(''),
        {
          delay: 2_400,
          stream: 'stderr',
          text: `${ts} UTC [1] LOG:  starting PostgreSQL 18.1 (Debian 18.1-1.pgdg13+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit`,
        },
        {
          delay: 2_400,
          stream: 'stderr',
          text: `${ts} UTC [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        },
        {
          delay: 2_450,
          stream: 'stderr',
          text: `${ts} UTC [1] LOG:  database system is ready to accept connections`,
        },
      ],
    };
  },
};

export const postgresService: ServiceFactory = () => POSTGRES;
