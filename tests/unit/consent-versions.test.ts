import { describe, expect, it } from 'vitest';
import { SIGN_UP_DOCUMENTS, Ticked, outdatedConsents } from '@/lib/account/consent';

const CURRENT = { terms: '2026-12-04', privacy: '2026-12-04', rules: '2026-12-04' };

describe('consent versions', () => {
  it('asks for every document never accepted', () => {
    expect(outdatedConsents({}, CURRENT)).toEqual(['terms', 'privacy', 'rules']);
  });
  it('asks nothing once the current versions are accepted', () => {
    expect(outdatedConsents({ ...CURRENT }, CURRENT)).toEqual([]);
  });
  it('asks again for a document whose version changed, and only for it', () => {
    expect(outdatedConsents({ ...CURRENT }, { ...CURRENT, privacy: '2027-01-01' })).toEqual(['privacy']);
  });
  it('limits the question to the documents wanted (sign-up asks for terms and privacy)', () => {
    expect(outdatedConsents({}, CURRENT, SIGN_UP_DOCUMENTS)).toEqual(['terms', 'privacy']);
  });
  it('reads a plain checkbox: ticked is "on", absent or empty is not', () => {
    expect(Ticked.parse('on')).toBe(true);
    expect(Ticked.parse(undefined)).toBe(false);
    expect(Ticked.parse('')).toBe(false);
    expect(Ticked.safeParse('maybe').success).toBe(false);
  });
});
