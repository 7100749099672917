// @ts-check
// One `node server.mjs` of the stack: started in its own process group (so its whole
// tree can be signalled), restarted when it dies unasked, like a process manager
// would (systemd Restart=always), and stopped with SIGTERM, then SIGKILL.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Ready when /readyz says so; a server without /readyz (404) is ready once it serves
 * /robots.txt, a prerendered file that needs no database.
 * @param {string} origin
 */
export async function isReady(origin) {
  try {
    const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2000) });
    if (res.status !== 404) return res.ok;
    return (await fetch(`${origin}/robots.txt`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

export class AppInstance {
  /**
   * @param {{ name: string; root: string; port: number; env: NodeJS.ProcessEnv; logDir: string; onChange?: () => void }} options
   */
  constructor({ name, root, port, env, logDir, onChange }) {
    this.name = name;
    this.root = root;
    this.port = port;
    this.origin = `http://127.0.0.1:${port}`;
    this.env = env;
    this.log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
    this.onChange = onChange ?? (() => {});
    /** @type {import('node:child_process').ChildProcess | null} */
    this.child = null;
    this.wanted = false; // whether it should be running (restart when it dies)
    this.restarts = 0;
  }

  get pid() {
    return this.child?.pid ?? null;
  }

  /** Starts it and waits until it is ready. */
  async start(timeoutMs = 120_000) {
    this.wanted = true;
    this.spawn();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await isReady(this.origin)) return;
      if (!this.wanted) throw new Error(`${this.name} was stopped while starting`);
      await sleep(300);
    }
    throw new Error(`${this.name} not ready on ${this.origin} after ${timeoutMs / 1000} s (see .stack/logs/${this.name}.log)`);
  }

  spawn() {
    const startedAt = Date.now();
    const child = spawn(process.execPath, ['--max-semi-space-size=64', 'server.mjs'], {
      cwd: this.root,
      env: { ...this.env, PORT: String(this.port), HOSTNAME: '127.0.0.1' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const prefix = `[${this.name}] `;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk) => {
        this.log.write(chunk);
        process.stdout.write(String(chunk).replace(/^(?=.)/gm, prefix));
      });
    }
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      this.onChange();
      if (!this.wanted) return;
      // Died unasked: start again, backing off if it keeps dying at once.
      const quick = Date.now() - startedAt < 10_000;
      this.restarts = quick ? this.restarts + 1 : 0;
      const delay = Math.min(1000 * 2 ** this.restarts, 30_000);
      console.log(`${prefix}exited (${code ?? signal}); restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (this.wanted && !this.child) this.spawn();
      }, delay).unref();
    });
    this.onChange();
  }

  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves when it is gone. */
  async stop(graceMs = 10_000) {
    this.wanted = false;
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
      else child.once('exit', resolve);
    });
    const kill = (/** @type {NodeJS.Signals} */ sig) => {
      try {
        process.kill(-(/** @type {number} */ (child.pid)), sig);
      } catch {
        /* already gone */
      }
    };
    kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    kill('SIGKILL'); // and anything left in its group
    if (!done) await exited;
  }
}
