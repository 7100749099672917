#!/usr/bin/env node
// @ts-check
// `npm run stack`: the production shape on one machine. nginx (deploy/nginx.conf.template,
// rendered into .stack/) on 127.0.0.1:$STACK_PORT in front of two `node server.mjs`
// instances on ports STACK_PORT+1 and +2, sharing one PostgreSQL database.
//
//   STACK_PORT          default 8080
//   SITE_URL            default http://127.0.0.1:$STACK_PORT (baked into the build)
//   DATABASE_URL        default: database niaoge_stack on 127.0.0.1:5432, created if absent
//   STACK_INSTANCES     default 2
//   STACK_NGINX_WORKERS default 1 (production: auto)
//   STACK_MUTATION_RATE / STACK_MUTATION_BURST   nginx limit_req on requests that change
//                       something, per client address (default 10r/s, burst 20)
//   STACK_DIR           default .stack (config, cache, temp files, logs, state.json)
//
// Builds first when the build is missing or out of date (scripts/build-if-needed.mjs).
// Signals: SIGINT/SIGTERM stop everything; SIGUSR1 stops the app instances and leaves
// nginx serving from its cache (an outage drill); SIGUSR2 starts them again. An
// instance that dies unasked is restarted. .stack/state.json says what runs where.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded, distDir } from '../scripts/build-if-needed.mjs';
import { AppInstance } from './app-instance.mjs';
import { ensureDatabase } from './database.mjs';
import { writeErrorPages } from './error-pages.mjs';
import { renderNginxConfig } from './nginx-config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
/** @type {((why: string, code?: number) => Promise<void>) | null} */
let shutdown = null;

const port = Number(process.env.STACK_PORT || 8080);
if (!Number.isInteger(port) || port < 1 || port > 65530) throw new Error(`bad STACK_PORT: ${process.env.STACK_PORT}`);
const instanceCount = Number(process.env.STACK_INSTANCES || 2);
const stackDir = path.resolve(ROOT, process.env.STACK_DIR || '.stack');
const origin = `http://127.0.0.1:${port}`;
const env = { ...process.env, SITE_URL: process.env.SITE_URL || origin, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };

/** @param {string} file */
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

/** The command line of a live process, or null. */
function commandLine(/** @type {number} */ pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

/**
 * A stack killed with SIGKILL cannot stop its children: its nginx keeps the port and
 * its instances keep running. Stop what the last state file names, if it is still
 * what it was (its command line matches), so a new run starts clean.
 */
async function stopLeftovers() {
  const state = readJson(path.join(stackDir, 'state.json'));
  if (!state) return;
  if (state.pid && state.pid !== process.pid && commandLine(state.pid)?.includes('stack.mjs')) {
    throw new Error(`a stack is already running from ${stackDir} (pid ${state.pid}); stop it first`);
  }
  const leftovers = [
    ...(state.nginx?.pid ? [{ pid: state.nginx.pid, mark: 'nginx' }] : []),
    ...(state.instances ?? []).filter((/** @type {any} */ i) => i.pid).map((/** @type {any} */ i) => ({ pid: i.pid, mark: 'server.mjs' })),
  ];
  for (const { pid, mark } of leftovers) {
    if (!commandLine(pid)?.includes(mark)) continue;
    console.log(`stopping a leftover ${mark} (pid ${pid}) of an earlier stack`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  if (leftovers.length) await sleep(500);
}

/** nginx runs its workers as this user when started as root; they must write the cache. */
function workerUser() {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['www-data', 'nobody']) {
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    if (id.status === 0) return { name: user, uid: Number(id.stdout.trim()), gid: Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim()) };
  }
  return null;
}

/** @param {string} dir @param {{ uid: number; gid: number }} owner */
function chownTree(dir, owner) {
  chownSync(dir, owner.uid, owner.gid);
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) chownTree(file, owner);
    else chownSync(file, owner.uid, owner.gid);
  }
}

function findNginx() {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin']) {
    if (dir && existsSync(path.join(dir, 'nginx'))) return path.join(dir, 'nginx');
  }
  throw new Error('nginx is not installed (Debian: apt-get install nginx libnginx-mod-http-brotli-filter)');
}

async function main() {
  mkdirSync(stackDir, { recursive: true });
  await stopLeftovers();

  // --- build (only when needed) and the build id the page cache is keyed on
  buildIfNeeded({ env });
  const buildId = readFileSync(path.join(distDir(env), 'BUILD_ID'), 'utf8').trim();

  // --- database
  const databaseUrl = await ensureDatabase({ databaseUrl: process.env.DATABASE_URL, name: 'niaoge_stack' });

  // --- nginx config and folders
  const nginx = findNginx();
  for (const dir of ['logs', 'cache/pages', 'cache/static', 'tmp/client_body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi']) {
    mkdirSync(path.join(stackDir, dir), { recursive: true });
  }
  const user = workerUser();
  if (user) {
    chownTree(path.join(stackDir, 'cache'), user);
    chownTree(path.join(stackDir, 'tmp'), user);
  }
  writeErrorPages(path.join(stackDir, 'errors'));
  const upstreams = Array.from({ length: instanceCount }, (_, i) => `127.0.0.1:${port + 1 + i}`);
  const confFile = path.join(stackDir, 'nginx.conf');
  writeFileSync(
    confFile,
    renderNginxConfig({
      prefix: stackDir,
      listen: `127.0.0.1:${port}`,
      upstreams,
      buildId,
      workers: process.env.STACK_NGINX_WORKERS ? Number(process.env.STACK_NGINX_WORKERS) || 'auto' : 1,
      user: user?.name ?? null,
      mutationRate: process.env.STACK_MUTATION_RATE || '10r/s',
      mutationBurst: Number(process.env.STACK_MUTATION_BURST || 20),
    }),
  );
  const nginxArgs = ['-p', `${stackDir}/`, '-c', confFile, '-e', path.join(stackDir, 'logs/error.log')];
  const check = spawnSync(nginx, [...nginxArgs, '-t', '-q'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx refused ${confFile}:\n${check.stderr}`);

  // --- state file: what runs where (tests and operators read it)
  /** @type {import('node:child_process').ChildProcess | null} */
  let nginxChild = null;
  const instances = upstreams.map(
    (_, i) =>
      new AppInstance({
        name: `app-${i + 1}`,
        root: ROOT,
        port: port + 1 + i,
        env: { ...env, DATABASE_URL: databaseUrl, TRUST_PROXY: 'loopback' },
        logDir: path.join(stackDir, 'logs'),
        onChange: () => writeState(),
      }),
  );
  function writeState() {
    const state = {
      pid: process.pid,
      url: origin,
      buildId,
      distDir: distDir(env),
      databaseUrl,
      nginx: { pid: nginxChild?.pid ?? null, config: confFile },
      instances: instances.map((i) => ({ name: i.name, port: i.port, pid: i.pid })),
    };
    writeFileSync(path.join(stackDir, 'state.json.tmp'), JSON.stringify(state, null, 2));
    // rename is atomic: a reader never sees half a file
    spawnSync('mv', ['-f', path.join(stackDir, 'state.json.tmp'), path.join(stackDir, 'state.json')]);
  }

  let stopping = false;
  const stopAll = async (/** @type {string} */ why, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: stopping nginx and the app instances`);
    if (nginxChild?.pid && nginxChild.exitCode === null) {
      const exited = new Promise((r) => nginxChild?.once('exit', r));
      try {
        process.kill(-nginxChild.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      await Promise.race([exited, sleep(5000)]);
      try {
        process.kill(-nginxChild.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await Promise.all(instances.map((i) => i.stop()));
    rmSync(path.join(stackDir, 'state.json'), { force: true });
    process.exit(code);
  };
  shutdown = stopAll;
  process.on('SIGINT', () => stopAll('SIGINT', 130));
  process.on('SIGTERM', () => stopAll('SIGTERM', 143));
  process.on('SIGHUP', () => stopAll('SIGHUP', 129));
  process.on('uncaughtException', (error) => {
    console.error(error);
    stopAll('error', 1);
  });
  // Outage drill: app instances down, nginx (and its cache) up.
  process.on('SIGUSR1', () => {
    console.log('SIGUSR1: stopping the app instances (nginx keeps serving from its cache)');
    Promise.all(instances.map((i) => i.stop())).then(() => console.log('app instances stopped'));
  });
  process.on('SIGUSR2', async () => {
    console.log('SIGUSR2: starting the app instances');
    for (const i of instances) if (!i.pid) await i.start().catch((e) => console.error(e.message));
    console.log('app instances ready');
  });

  writeState();
  // --- the first instance applies the migrations before the others start
  for (const instance of instances) {
    console.log(`starting ${instance.name} on ${instance.origin}`);
    await instance.start();
  }

  nginxChild = spawn(nginx, [...nginxArgs, '-g', 'daemon off;'], { detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  nginxChild.on('exit', (code, signal) => {
    if (!stopping) stopAll(`nginx exited (${code ?? signal}; see ${path.join(stackDir, 'logs/error.log')})`, 1);
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${origin}/robots.txt`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      /* not listening yet */
    }
    if (i > 50) throw new Error(`nginx does not answer on ${origin}; see ${path.join(stackDir, 'logs/error.log')}`);
    await sleep(200);
  }
  writeState();
  console.log(`\nready: ${origin}  (nginx → ${upstreams.join(', ')}; build ${buildId}; logs in ${path.relative(ROOT, stackDir)}/logs)\n`);
}

main().catch((error) => {
  console.error(`stack: ${error.message}`);
  // stop whatever already started
  if (shutdown) shutdown('error', 1);
  else process.exit(1);
});
