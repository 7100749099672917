import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, serializeError } from '@/server/log.mjs';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino(loggerOptions(), stream), text: () => lines.join('') };
}

describe('the logger', () => {
  it('redacts secrets wherever a caller puts them', () => {
    const { logger, text } = capture();
    logger.info(
      {
        password: 'hunter2',
        form: { password: 'hunter3', idempotencyKey: 'k-123456789', redemptionCode: 'ABCD-EFGH-JKLM' },
        headers: { cookie: 'session=tok' },
        token: 'tok2',
      },
      'x',
    );
    for (const secret of ['hunter2', 'hunter3', 'k-123456789', 'ABCD-EFGH-JKLM', 'session=tok', 'tok2']) expect(text()).not.toContain(secret);
    expect(text()).toContain('[Redacted]');
  });

  it('logs an error with its stack but without the query parameters drizzle puts in the message', () => {
    const error = new Error('Failed query: insert into "accounts" values ($1, $2)\nparams: reader,scrypt$secret-hash', { cause: new Error('duplicate key') });
    const { logger, text } = capture();
    logger.error({ err: error }, 'failed');
    expect(text()).not.toContain('secret-hash');
    expect(text()).toContain('Failed query');
    expect(text()).toContain('duplicate key');
    expect(serializeError('plain')).toEqual({ message: 'plain' });
  });
});
