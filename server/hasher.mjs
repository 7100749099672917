// @ts-check
// The password hasher, a child process of the app server started at a lower CPU
// priority (lib/auth/hasher.ts): scrypt is deliberately expensive, and on a small
// machine two hashes at once take every core. Here, a flood of sign-ins competes
// with page serving only for what the pages leave idle.
import { scrypt } from 'node:crypto';

/** @typedef {{ id: number; password: string; salt: string; keylen: number; N: number; r: number; p: number; maxmem: number }} HashRequest */

process.on('message', (/** @type {HashRequest} */ m) => {
  scrypt(m.password, Buffer.from(m.salt, 'base64'), m.keylen, { N: m.N, r: m.r, p: m.p, maxmem: m.maxmem }, (error, key) => {
    process.send?.(error ? { id: m.id, error: error.message } : { id: m.id, key: key.toString('base64') });
  });
});
// The app server went away: so does its hasher.
process.on('disconnect', () => process.exit(0));
// A stop signal sent to the whole process group (Ctrl-C, systemd) is for the server,
// which drains first: sign-ins in flight still need their hashes. It exits with
// its parent (above).
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});
