// A process that takes the embedded database folder lock of argv[2], says so on
// stdout ("locked <pid>" or "refused <message>"), and holds it until it is killed or
// stdin closes. Spawned by tests/integration/folder-lock.test.ts.
import { acquireFolderLock } from '../../../lib/db/folder-lock';

const dir = process.argv[2]!;
try {
  await acquireFolderLock(dir);
  process.stdout.write(`locked ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
} catch (error) {
  process.stdout.write(`refused ${(error as Error).message}\n`);
  process.exit(3);
}
