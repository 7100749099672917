import { spawn } from 'node:child_process';
import http from 'node:http';
import { openSync, closeSync } from 'node:fs';

export type RunningServer = {
  origin: string;
  pid: number;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** The exit code (null when a signal ended it) once the process has exited. */
  exited: Promise<number | null>;
};

export type ServerOptions = {
  /** A file that receives the server's stdout and stderr (for tests that read its logs). */
  output?: string;
  /**
   * Start `node server.mjs` itself rather than `npm run serve`, so a signal reaches
   * only the server and `exited` is its own exit code (the shutdown test).
   */
  direct?: boolean;
};

/**
 * Whether a server listening on the URL's port answers 200, asked on a new connection:
 * fetch would reuse a kept-alive one, which a stopping server still answers on for a
 * moment after it has stopped listening (server/shutdown.mjs).
 */
function answersOnNewConnection(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.setTimeout(5000, () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Starts another `npm run serve` of the same build on 127.0.0.1:`port` with extra
 * environment, and waits until it answers. `stop` signals its whole process group.
 */
export async function startServer(port: number, env: Record<string, string>, options: ServerOptions = {}): Promise<RunningServer> {
  const origin = `http://127.0.0.1:${port}`;
  // A server a killed or timed-out run left behind would answer in the new one's place
  // (before the new one fails on the taken port): refuse to test against it.
  if (await answersOnNewConnection(`${origin}/robots.txt`))
    throw new Error(`port ${port} is already taken by another server (left by an earlier run?): stop it first`);
  const out = options.output ? openSync(options.output, 'a') : 'ignore';
  const [command, args] = options.direct ? [process.execPath, ['--max-semi-space-size=64', 'server.mjs']] : ['npm', ['run', '--silent', 'serve']];
  const child = spawn(command, args as string[], {
    env: { ...process.env, ...env, PORT: String(port), HOSTNAME: '127.0.0.1' },
    detached: true,
    stdio: ['ignore', out, out],
  });
  if (typeof out === 'number') closeSync(out);
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      gone = true;
      resolve(code);
    }),
  );
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };
  for (let i = 0; i < 120; i++) {
    // Exited already (the port is taken, by a server a killed run left behind?): whatever answers is not ours.
    if (gone) throw new Error(`the server on port ${port} exited at start-up`);
    try {
      if (await answersOnNewConnection(`${origin}/robots.txt`)) return { origin, pid: child.pid!, stop, exited };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop('SIGKILL');
  throw new Error(`the server on port ${port} did not start`);
}
