// `npm run admin -- <command>`: site administration on DATABASE_URL, or on the embedded
// database folder when no server is named (refused while the site runs on it).
import { RESET_MINUTES, createResetToken } from '../account/manage';
import { setModerator } from '../auth/accounts';
import { normalizeUsername } from '../auth/validation';
import { openDb } from '../db/client';
import { DbFolderLockedError } from '../db/folder-lock';
import { migrateDb } from '../db/migrate';
import { grantFeathers } from '../feathers/grant';

const USAGE = `usage: npm run admin -- <command>

commands:
  grant-moderator <username>   let the account moderate
  revoke-moderator <username>  take moderation rights away
  grant-feathers <username> <amount> --reason "<text>"
                               add feathers (a negative amount takes them back;
                               a balance never goes below zero), in the ledger
  reset-link <username>        print a one-time link (valid ${RESET_MINUTES} minutes) that lets
                               the reader set a new password; based on SITE_URL
  help                         show this text`;

/**
 * Positionals and --reason. Not util.parseArgs: it would read the amount in
 * `grant-feathers reader -20` as the option -2.
 */
function splitArgs(args: string[]): { positionals: string[]; reason?: string } | { error: string } {
  const positionals: string[] = [];
  let reason: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--reason') {
      if (i + 1 >= args.length) return { error: '--reason needs a value.' };
      reason = args[++i];
    } else if (arg.startsWith('--reason=')) reason = arg.slice('--reason='.length);
    else if (arg.startsWith('-') && !/^-\d+$/.test(arg)) return { error: `unknown option "${arg}".` };
    else positionals.push(arg);
  }
  return reason === undefined ? { positionals } : { positionals, reason };
}

/** Runs one admin command and returns the exit code; output goes to stdout/stderr. */
async function runAdmin(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'grant-moderator' && command !== 'revoke-moderator' && command !== 'grant-feathers' && command !== 'reset-link') {
    console.error(command === undefined ? 'admin: no command given.' : `admin: unknown command "${command}".`);
    console.error(USAGE);
    return 1;
  }
  const parsed = splitArgs(rest);
  if ('error' in parsed) {
    console.error(`admin: ${parsed.error}`);
    return 1;
  }
  const { positionals, reason } = parsed;
  const wanted = command === 'grant-feathers' ? 2 : 1;
  if (positionals.length !== wanted || (command !== 'grant-feathers' && reason !== undefined)) {
    console.error(
      command === 'grant-feathers' ? 'admin: grant-feathers takes a username, an amount and --reason.' : `admin: ${command} takes exactly one username.`,
    );
    return 1;
  }
  const [username, amount] = positionals as [string, string | undefined];

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
    if (command === 'reset-link') {
      const made = await createResetToken(handle.db, username);
      if (!made) {
        console.error(`admin: no account named "${username}".`);
        return 1;
      }
      const site = (process.env.SITE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
      console.log(`${site}/reset-password?token=${made.token}`);
      console.error(`One-time link for ${made.username}, valid until ${made.expiresAt.toISOString()}. Send it to the reader only.`);
      return 0;
    }
    if (command === 'grant-feathers') {
      const result = await grantFeathers(handle.db, { username, amount: amount!, reason: reason ?? '' });
      if (!result.ok) {
        console.error(`admin: ${result.message}`);
        return 1;
      }
      console.log(`${result.username} now has ${result.balance} feathers.`);
      return 0;
    }
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
