import { execFileSync } from 'node:child_process';

/** The PostgreSQL server the e2e tests make their database on (an admin connection). */
export const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates an empty database on the server and returns its URL (psql: no driver needed in the config). */
export function createDatabase(prefix: string): string {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  execFileSync('psql', [ADMIN_URL, '-qc', `create database ${name}`], { stdio: 'pipe' });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function dropDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  execFileSync('psql', [ADMIN_URL, '-qc', `drop database if exists ${name} with (force)`], { stdio: 'pipe' });
}

/** Runs one SQL query on the e2e database and returns its rows as arrays of text (psql -tA). */
export function query(url: string, sql: string): string[][] {
  const out = execFileSync('psql', [url, '-tA', '-F', '\t', '-c', sql], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

/** An account's feathers balance and the sum of its ledger, straight from the e2e database (they must be equal). */
export function books(username: string, url = process.env.E2E_DATABASE_URL!) {
  const [row] = query(
    url,
    `select a.feathers, coalesce((select sum(delta) from ledger l where l.account_id = a.id), 0) from accounts a where username = '${username}'`,
  );
  return { balance: Number(row![0]), ledgerSum: Number(row![1]) };
}
