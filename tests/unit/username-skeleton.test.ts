import { describe, expect, it } from 'vitest';
import { usernameSkeleton } from '@/lib/account/skeleton';

describe('username skeleton', () => {
  it('gives look-alike names one skeleton', () => {
    const alice = usernameSkeleton('alice');
    expect(usernameSkeleton('ＡＬＩＣＥ')).toBe(alice); // full-width
    expect(usernameSkeleton('Alice')).toBe(alice);
    expect(usernameSkeleton('alicé')).toBe(alice); // precomposed é
    expect(usernameSkeleton('alice\u0301')).toBe(alice); // e + combining acute
    expect(usernameSkeleton('\u0430lice')).toBe(alice); // Cyrillic а
    expect(usernameSkeleton('аliсе')).toBe(alice); // Cyrillic а, с, е
    expect(usernameSkeleton('bi11')).toBe(usernameSkeleton('bill'));
    expect(usernameSkeleton('bob0')).toBe(usernameSkeleton('bobo'));
    expect(usernameSkeleton('straße')).toBe(usernameSkeleton('STRASSE'));
    expect(usernameSkeleton('οlga')).toBe(usernameSkeleton('olga')); // Greek omicron
  });

  it('keeps different names apart, Chinese ones included', () => {
    expect(usernameSkeleton('alice')).not.toBe(usernameSkeleton('alicia'));
    expect(usernameSkeleton('鸟哥')).toBe('鸟哥');
    expect(usernameSkeleton('鸟哥')).not.toBe(usernameSkeleton('鳥哥'));
    expect(usernameSkeleton('读者_2')).toBe('读者_2');
  });
});
