import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

// The race this guards against: nginx writes a POST on an idle keep-alive connection
// in the instant a stopping instance closes it, and answers the reader 502 (it may not
// retry a POST the app might have seen). Idle connections must stay usable for a
// moment after SIGTERM, each carrying one last request answered with Connection: close.

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

async function startServer(lingerMs: number): Promise<number> {
  child = spawn(process.execPath, ['tests/integration/support/linger-server.mjs'], {
    env: { ...process.env, LINGER_MS: String(lingerMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child!.stdout!.once('data', (chunk) => resolve(JSON.parse(String(chunk)).port as number));
    child!.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

/** One keep-alive connection that can send requests and read each answer's head. */
function connection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  let closed = false;
  socket.setEncoding('utf8');
  socket.on('data', (d) => (buffer += d));
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  return {
    isClosed: () => closed,
    async request(method = 'POST'): Promise<string | null> {
      buffer = '';
      if (closed) return null;
      socket.write(`${method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi`);
      const until = Date.now() + 3000;
      while (!/\r\n\r\nok$/.test(buffer)) {
        if (closed && !buffer) return null;
        if (Date.now() > until) return null;
        await new Promise((r) => setTimeout(r, 10));
      }
      return buffer;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown keeps idle keep-alive connections usable for a moment', () => {
  it('an idle connection carries one more request after SIGTERM, answered with Connection: close, then closes', async () => {
    const port = await startServer(1500);
    const idle = connection(port);
    expect(await idle.request()).toMatch(/^HTTP\/1\.1 200/);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await sleep(300);
    // New connections are refused at once…
    await expect(new Promise((resolve, reject) => net.connect(port, '127.0.0.1').once('connect', resolve).once('error', reject))).rejects.toThrow(
      /ECONNREFUSED/,
    );
    // …but the idle one is still there, and its answer tells the client to let go.
    const last = await idle.request();
    expect(last).toMatch(/^HTTP\/1\.1 200/);
    expect(last).toMatch(/\r\nconnection: close\r\n/i);
    await sleep(100);
    expect(idle.isClosed()).toBe(true);
    expect(await exited).toBe(0);
  });

  it('idle connections still unused after the linger are closed and the process exits', async () => {
    const port = await startServer(300);
    const idle = connection(port);
    expect(await idle.request()).toMatch(/^HTTP\/1\.1 200/);
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    await sleep(50);
    expect(idle.isClosed()).toBe(true);
  });
});
