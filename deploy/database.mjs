// @ts-check
// The stack's PostgreSQL database: DATABASE_URL as given, or a database on the local
// server (127.0.0.1:5432, user postgres) that is created the first time.
import pg from 'pg';

export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432';

/**
 * Returns the URL the app instances should use, creating `name` on the local server
 * when DATABASE_URL is not set.
 * @param {{ databaseUrl?: string; name: string }} options
 */
export async function ensureDatabase({ databaseUrl, name }) {
  if (databaseUrl) return databaseUrl;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name: ${name}`);
  const client = new pg.Client({ connectionString: `${LOCAL_SERVER}/postgres`, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `no DATABASE_URL and no PostgreSQL server at ${LOCAL_SERVER} letting user postgres in (${/** @type {Error} */ (error).message}); ` +
        'start one (Debian: pg_ctlcluster 15 main start) or set DATABASE_URL',
    );
  }
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await client.query(`create database ${name}`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
  return `${LOCAL_SERVER}/${name}`;
}
