// A bare http server with the app's graceful shutdown, for shutdown-linger.test.ts:
// prints its port, answers every request with 200 "ok".
import { createServer } from 'node:http';
import pino from 'pino';
import { gracefulShutdown } from '../../../server/shutdown.mjs';

const lingerMs = Number(process.env.LINGER_MS ?? 2000);
let shutdown = { draining: () => false };
const server = createServer((req, res) => {
  if (shutdown.draining()) res.setHeader('connection', 'close');
  res.end('ok');
});
server.keepAliveTimeout = 65_000;
shutdown = gracefulShutdown(server, { close: async () => {}, log: pino({ level: 'silent' }), lingerMs });
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
