import { describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES, readForm } from '@/lib/http/body';

const post = (body: BodyInit, type = 'application/x-www-form-urlencoded') =>
  new Request('http://127.0.0.1/api/x', { method: 'POST', body, headers: { 'content-type': type } });

describe('readForm', () => {
  it('reads a url-encoded form with Chinese, spaces and repeated fields as typed', async () => {
    const read = await readForm(post('text=%E4%BD%A0%E5%A5%BD+world&tag=a&tag=b&empty=&bare'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.form.get('text')).toBe('你好 world');
    expect(read.form.getAll('tag')).toEqual(['a', 'b']);
    expect(read.form.get('empty')).toBe('');
    expect(read.form.get('bare')).toBe('');
  });

  it('keeps characters sent unescaped and text that looks like escapes once decoded', async () => {
    const read = await readForm(post('text=你好%20%2541'));
    expect(read.ok && read.form.get('text')).toBe('你好 %41');
  });

  it.each([
    ['a broken escape', 'text=%E4%BD'],
    ['a percent sign without hex digits', 'text=100%'],
    ['a half escape', 'text=%4'],
    ['an escaped lone surrogate', 'text=%ED%A0%80'],
    ['an escape that is not UTF-8', 'text=%FF'],
    ['a broken escape in a field name', '%E4=1'],
  ])('refuses %s with 400 instead of storing U+FFFD', async (_, body) => {
    expect(await readForm(post(body))).toEqual({ ok: false, code: 'invalid_input', status: 400 });
  });

  it('refuses raw bytes that are not UTF-8', async () => {
    expect(await readForm(post(new Uint8Array([0x74, 0x3d, 0xc3, 0x28])))).toEqual({ ok: false, code: 'invalid_input', status: 400 });
    const multipart = new Uint8Array([...Buffer.from('--b\r\ncontent-disposition: form-data; name="t"\r\n\r\n'), 0xff, ...Buffer.from('\r\n--b--\r\n')]);
    expect(await readForm(post(multipart, 'multipart/form-data; boundary=b'))).toEqual({ ok: false, code: 'invalid_input', status: 400 });
  });

  it('reads multipart forms and refuses other types and oversized bodies', async () => {
    const form = new FormData();
    form.set('text', '评论');
    const multipart = new Request('http://127.0.0.1/api/x', { method: 'POST', body: form });
    const read = await readForm(multipart);
    expect(read.ok && read.form.get('text')).toBe('评论');
    expect(await readForm(post('{"a":1}', 'application/json'))).toEqual({ ok: false, code: 'invalid_input', status: 400 });
    expect(await readForm(post('a='.padEnd(MAX_FORM_BYTES + 1, 'x')))).toEqual({ ok: false, code: 'too_large', status: 413 });
  });
});
