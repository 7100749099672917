// A process on an embedded database folder (argv[2]), as the site would open it.
// Mode "write" (argv[3]): migrates, checks the books, says "open <pid> <problems>",
// then earns and spends feathers through lib/feathers until killed, saying
// "ack <reference>" after each change is committed. Mode "hold": opens it, says
// "open <pid>" and keeps it until killed. Either says "refused <message>"
// and exits 3 when the folder cannot be opened.
// Spawned by tests/reliability/pglite.test.ts.
import { openDb } from '../../../lib/db/client';
import { migrateDb } from '../../../lib/db/migrate';
import { accounts } from '../../../lib/db/schema';
import { applyChange } from '../../../lib/feathers/ledger';
import { testAccount } from '../../integration/support/sign-up';
import { booksProblems } from './books';

const [dir, mode = 'write'] = process.argv.slice(2);
let handle;
try {
  handle = await openDb({ dir: dir!, url: '' });
  // Holding is about the folder: the migrations (a second a start on a loaded machine) only matter to writing.
  if (mode === 'write') await migrateDb(handle);
} catch (error) {
  process.stdout.write(`refused ${(error as Error).message.replace(/\n/g, ' ')}\n`);
  process.exit(3);
}
const { db } = handle;
if (mode === 'hold') {
  process.stdout.write(`open ${process.pid}\n`);
  setInterval(() => {}, 60_000);
} else {
  let ids = (await db.select({ id: accounts.id }).from(accounts)).map((a) => a.id);
  if (ids.length === 0) for (let i = 0; i < 3; i++) ids.push((await testAccount(db, `crash${i}`)).id);
  ids = ids.sort((a, b) => a - b);
  process.stdout.write(`open ${process.pid} ${JSON.stringify(await booksProblems(db))}\n`);
  // Unique references: a restart must never find its next change already done.
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  for (let n = 0; ; n++) {
    const accountId = ids[n % ids.length]!;
    const reference = `${run}:${n}`;
    // Mostly earning, sometimes spending what was earned: both write the ledger and the balance.
    const spend = n % 3 === 2;
    const result = await applyChange(db, { accountId, delta: spend ? -4 : 7, reason: 'grant', reference });
    if (result.ok) process.stdout.write(`ack ${reference}\n`);
  }
}
