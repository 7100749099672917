import 'server-only';
import { isUtf8 } from 'node:buffer';

/**
 * The largest form any state change accepts, in bytes. The longest legitimate one
 * is a comment: 1,000 Chinese characters are 3,000 bytes of UTF-8 and 9,000
 * percent-encoded, plus a few small fields.
 */
export const MAX_FORM_BYTES = 16 * 1024;

export type FormRead = { ok: true; form: FormData } | { ok: false; code: 'too_large'; status: 413 } | { ok: false; code: 'invalid_input'; status: 400 };

const FORM_TYPES = /^\s*(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i;

/**
 * Reads a posted form, refusing it with 413 as soon as it passes `limit` bytes.
 * The stream itself is counted (a client may send no Content-Length, or a false
 * one), and reading stops at the limit, so a 50 MB body costs 16 KB of memory.
 * A body that is not a form, or a broken one, reads as invalid input.
 */
export async function readForm(request: Request, limit = MAX_FORM_BYTES): Promise<FormRead> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) return { ok: false, code: 'too_large', status: 413 };
  const type = request.headers.get('content-type') ?? '';
  if (!request.body) return { ok: true, form: new FormData() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, code: 'too_large', status: 413 };
    }
    chunks.push(value);
  }
  if (total === 0) return { ok: true, form: new FormData() };
  if (!FORM_TYPES.test(type)) return { ok: false, code: 'invalid_input', status: 400 };
  const body = Buffer.concat(chunks);
  // The platform's parsers replace bytes that are not UTF-8, and a broken `%` escape,
  // with U+FFFD and carry on: a comment would be stored with characters its writer
  // never typed. Such a body is refused instead.
  if (!isUtf8(body)) return { ok: false, code: 'invalid_input', status: 400 };
  if (URLENCODED.test(type)) {
    const form = parseUrlEncoded(body.toString('utf8'));
    return form ? { ok: true, form } : { ok: false, code: 'invalid_input', status: 400 };
  }
  try {
    return { ok: true, form: await new Response(body, { headers: { 'content-type': type } }).formData() };
  } catch {
    return { ok: false, code: 'invalid_input', status: 400 };
  }
}

const URLENCODED = /^\s*application\/x-www-form-urlencoded\s*(?:;|$)/i;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parses `a=1&b=%E4%BD%A0` strictly: null when an escape is broken or decodes to bytes that are not UTF-8. */
export function parseUrlEncoded(text: string): FormData | null {
  const form = new FormData();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq === -1 ? '' : pair.slice(eq + 1));
    if (name === null || value === null) return null;
    form.append(name, value);
  }
  return form;
}

/** Decodes one name or value: `+` is a space, and each run of `%XX` escapes must be whole UTF-8. */
function decodeComponent(raw: string): string | null {
  const text = raw.replace(/\+/g, ' ');
  if (/%(?![0-9a-f]{2})/i.test(text)) return null;
  let failed = false;
  const decoded = text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return STRICT_UTF8.decode(Buffer.from(run.replace(/%/g, ''), 'hex'));
    } catch {
      failed = true;
      return '';
    }
  });
  return failed ? null : decoded;
}
