import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/**
 * A throw-away PostgreSQL cluster of the test's own, to stop and start at will:
 * the machine's server on 5432 is shared and must never be stopped. Port from
 * 15400–15499 (shifted by E2E_PORT_OFFSET). PostgreSQL refuses to run as root, so
 * as root its commands run as the postgres user.
 */
export function throwAwayCluster() {
  const port = 15400 + (Math.floor(Number(process.env.E2E_PORT_OFFSET ?? 0) / 100) % 100);
  const root = mkdtempSync(path.join(tmpdir(), 'niaoge-cluster-'));
  const dir = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(BIN, command), asRoot ? ['-u', 'postgres', '--', path.join(BIN, command), ...args] : args, {
      stdio: 'pipe',
      cwd: root,
    });
  run('initdb', ['--no-sync', '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C', '-D', dir]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  // Without blocking the caller's event loop: a soak keeps sending requests meanwhile.
  const runAsync = (command: string, args: string[]) =>
    promisify(execFile)(asRoot ? 'runuser' : path.join(BIN, command), asRoot ? ['-u', 'postgres', '--', path.join(BIN, command), ...args] : args, {
      cwd: root,
    });
  const startArgs = ['-D', dir, '-o', options, '-l', path.join(root, 'log'), '-w', '-t', '60', 'start'];
  const stopArgs = ['-D', dir, '-m', 'fast', '-w', '-t', '60', 'stop'];
  const start = () => run('pg_ctl', startArgs);
  const stop = () => run('pg_ctl', stopArgs);
  return {
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    startAsync: () => runAsync('pg_ctl', startArgs),
    stopAsync: () => runAsync('pg_ctl', stopArgs),
    remove: () => {
      try {
        stop();
      } catch {
        /* not running */
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
