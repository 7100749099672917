// `npm run admin -- <command>`: site administration on DATABASE_URL, or on the embedded
// database folder when no server is named (refused while the site runs on it).
import { setModerator } from '../auth/accounts';
import { normalizeUsername } from '../auth/validation';
import { openDb } from '../db/client';
import { DbFolderLockedError } from '../db/folder-lock';
import { migrateDb } from '../db/migrate';

const USAGE = `usage: npm run admin -- <command>

commands:
  grant-moderator <username>   let the account moderate
  revoke-moderator <username>  take moderation rights away
  help                         show this text`;

/** Runs one admin command and returns the exit code; output goes to stdout/stderr. */
async function runAdmin(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'grant-moderator' && command !== 'revoke-moderator') {
    console.error(command === undefined ? 'admin: no command given.' : `admin: unknown command "${command}".`);
    console.error(USAGE);
    return 1;
  }
  const [username] = rest;
  if (username === undefined || rest.length !== 1) {
    console.error(`admin: ${command} takes exactly one username.`);
    return 1;
  }

  let handle;
  try {
    handle = await openDb();
  } catch (error) {
    if (!(error instanceof DbFolderLockedError)) throw error;
    console.error(`admin: ${error.message}`);
    return 1;
  }
  try {
    await migrateDb(handle);
    const grant = command === 'grant-moderator';
    const result = await setModerator(handle.db, username, grant);
    if (!result.ok) {
      console.error(`admin: no account named "${username}".`);
      return 1;
    }
    const name = normalizeUsername(username);
    console.log(grant ? `${name} is now a moderator.` : `${name} is no longer a moderator.`);
    return 0;
  } finally {
    await handle.close();
  }
}

process.exitCode = await runAdmin(process.argv.slice(2));
