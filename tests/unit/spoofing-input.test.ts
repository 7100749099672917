import { describe, expect, it } from 'vitest';
import { Username, hasSafeScripts } from '@/lib/auth/validation';
import { CommentBody, hasInvisibleCharacters } from '@/lib/comments/text';

const usernameError = (s: string) => {
  const r = Username.safeParse(s);
  return r.success ? null : r.error.issues[0]?.message;
};

describe('usernames that spoof others', () => {
  it.each(['鸟哥', 'tom张三', '小明_2024', 'さくら桜', 'Ярослав', 'Ελένη', '김민준', '王小明abc', 'ㄅㄆ注音'])('accepts %s', (name) => {
    expect(usernameError(name)).toBeNull();
  });

  it.each([
    ['аdmin', 'Cyrillic а among Latin letters'],
    ['pаypal', 'Cyrillic а'],
    ['ѕcott', 'Cyrillic ѕ'],
    ['admin\u03bf', 'Greek ο'],
    ['管理员Ѐ', 'Han with Cyrillic'],
  ])('refuses %s (%s)', (name) => {
    expect(usernameError(name)).toBe('username_mixed_scripts');
  });

  it.each(['ad\u200bmin', 'ad\u200dmin', '\u202eadmin', 'ad\u2066min', 'ad\ufeffmin', 'ad\u00admin', '鸟\u200c哥'])(
    'refuses invisible characters in %j',
    (name) => {
      expect(usernameError(name)).toBe('username_characters');
    },
  );

  it('refuses a huge raw username before normalising it', () => {
    expect(usernameError('ﷺ'.repeat(50_000))).toBe('username_length');
  });

  it('tells mixes apart', () => {
    expect(hasSafeScripts('abc')).toBe(true);
    expect(hasSafeScripts('abc漢字かな')).toBe(true);
    expect(hasSafeScripts('abcабв')).toBe(false);
    expect(hasSafeScripts('한글ㄅ')).toBe(false);
  });
});

describe('comments that spoof what readers see', () => {
  const commentError = (s: string) => {
    const r = CommentBody.safeParse(s);
    return r.success ? null : r.error.issues[0]?.message;
  };

  it.each([
    ['a zero-width space', '好文\u200b章'],
    ['a right-to-left override', '价格 \u202e001\u202c 元'],
    ['a bidi isolate', '看\u2067这里\u2069'],
    ['a byte-order mark inside the text', '好\ufeff文'],
    ['a word joiner', '好\u2060文'],
    ['Unicode tag characters', '好文\u{e0041}\u{e0042}'],
    ['a C1 control', '好文\u0085'],
  ])('refuses %s', (_, text) => {
    expect(commentError(text)).toBe('comment_invalid');
  });

  it('keeps emoji sequences that use a zero-width joiner', () => {
    expect(hasInvisibleCharacters('全家 👨‍👩‍👧 出游 👍🏽')).toBe(false);
    expect(commentError('全家 👨‍👩‍👧 出游')).toBeNull();
    expect(hasInvisibleCharacters('a\u200db')).toBe(true);
  });
});

describe('what a first review still let through', () => {
  const usernameError = (s: string) => {
    const r = Username.safeParse(s);
    return r.success ? null : r.error.issues[0]?.message;
  };
  it.each(['ali\u1160ce', 'ali\u3164ce', 'a\u034flice', 'alice\ufe0f', 'ali\u{e0100}ce', 'b\u0966b', 'a\u0661ice'])('refuses the username %j', (name) => {
    expect(usernameError(name)).not.toBeNull();
  });
  it('keeps full-width digits (NFKC makes them ASCII)', () => {
    expect(Username.parse('ｂｏｂ１２')).toBe('bob12');
  });
  it.each(['好\u034f文', '好文\ufe00', '好文\u{e0100}', '好\u2800文', '好\u115f文'])('refuses the comment %j', (text) => {
    expect(CommentBody.safeParse(text).success).toBe(false);
  });
  it('keeps emoji with their presentation selector', () => {
    expect(CommentBody.safeParse('爱了 ❤️ ☺︎').success).toBe(true);
  });
});
