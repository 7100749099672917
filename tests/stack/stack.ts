import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stack under test: its own port (shifted like the e2e suite's), folder and build. */
export const STACK_PORT = 8180 + Number(process.env.E2E_PORT_OFFSET ?? 0);
export const STACK_ORIGIN = `http://127.0.0.1:${STACK_PORT}`;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STACK_DIR = path.join(ROOT, `.stack-test-${STACK_PORT}`);
export const DIST_DIR = '.next-stack';

export type StackState = {
  pid: number;
  buildId: string;
  databaseUrl: string;
  nginx: { pid: number | null };
  instances: { name: string; port: number; pid: number | null }[];
};

export function stackState(): StackState {
  return JSON.parse(readFileSync(path.join(STACK_DIR, 'state.json'), 'utf8')) as StackState;
}

export const alive = (pid: number | null | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export type RunningStack = { output: () => string; signal: (sig: NodeJS.Signals) => void; stop: () => Promise<void> };

export type StackOptions = {
  /**
   * A build folder of its own, for a stack on other content (CONTENT_DIR in env): the build
   * stamp includes CONTENT_DIR, so sharing DIST_DIR would make each run rebuild the other's.
   */
  distDir?: string;
  timeoutMs?: number;
};

/** `npm run stack` (node deploy/stack.mjs) with extra environment; resolves once nginx answers. */
export async function startStack(env: Record<string, string>, { distDir = DIST_DIR, timeoutMs = 400_000 }: StackOptions = {}): Promise<RunningStack> {
  const child = spawn(process.execPath, ['deploy/stack.mjs'], {
    cwd: ROOT,
    // SITE_URL is the stack's own origin even when npm test exported one for its other servers.
    env: { ...process.env, SITE_URL: `http://127.0.0.1:${STACK_PORT}`, ...env, STACK_PORT: String(STACK_PORT), STACK_DIR, NEXT_DIST_DIR: distDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    const last = existsSync(path.join(STACK_DIR, 'state.json')) ? stackState() : null;
    try {
      process.kill(child.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    // Belt and braces: nothing it started may outlive it.
    for (const pid of [last?.nginx.pid, ...(last?.instances.map((i) => i.pid) ?? [])]) {
      if (alive(pid)) {
        process.kill(-pid!, 'SIGKILL');
        throw new Error(`the stack left pid ${pid} running`);
      }
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (!/^ready: /m.test(output)) {
    if (child.exitCode !== null) throw new Error(`the stack exited (${child.exitCode}):\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the stack did not become ready:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { output: () => output, signal: (sig) => process.kill(child.pid!, sig), stop };
}

/** The nginx access log of the stack, parsed (one JSON object a line). */
export function accessLog(): Record<string, string | number>[] {
  const file = path.join(STACK_DIR, 'logs/access.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, string | number>);
}
