import 'server-only';
import type { Logger } from 'pino';
import { getLogger } from '@/server/log.mjs';

/** The process's structured logger (server/log.mjs: pino, secrets redacted), shared with server.mjs. */
export const log: Logger = getLogger();

/** The id server.mjs gave this request (from a trusted proxy's X-Request-Id, or new), for its log lines. */
export function requestId(request: Request): string | undefined {
  return request.headers.get('x-request-id') ?? undefined;
}
