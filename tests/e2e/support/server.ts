import { spawn } from 'node:child_process';

export type RunningServer = { origin: string; pid: number; stop: (signal?: NodeJS.Signals) => Promise<void> };

/**
 * Starts another `npm run serve` of the same build on 127.0.0.1:`port` with extra
 * environment, and waits until it answers. `stop` signals its whole process group.
 */
export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  const child = spawn('npm', ['run', '--silent', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOSTNAME: '127.0.0.1' },
    detached: true,
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${origin}/robots.txt`)).ok) return { origin, pid: child.pid!, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop('SIGKILL');
  throw new Error(`the server on port ${port} did not start`);
}
