import { describe, expect, it } from 'vitest';
import { getAcceptedVersions, recordConsents } from '@/lib/account/consent';
import { createSession, getSessionAccount, getSessionAccountWith } from '@/lib/auth/sessions';
import { grantFeathers } from '@/lib/feathers/grant';
import { countUnseenNotifications, listNotifications, markNotificationsSeen } from '@/lib/notifications/notifications';
import { accountExtras, toAcceptedVersions } from '@/lib/reader/account-extras';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

describe.each(BACKENDS)("reader-state's session lookup with its extras on %s", (backend) => {
  const freshDb = perTestDatabase(backend);

  it('says what countUnseenNotifications and getAcceptedVersions say, for this reader only', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'reader');
    const other = await testAccount(db, 'other');
    const { token } = await createSession(db, me.id);
    await db.transaction((tx) => recordConsents(tx, other.id, { terms: 'other-1' }));

    const none = await getSessionAccountWith(db, token, accountExtras);
    expect(none?.account).toEqual(await getSessionAccount(db, token));
    expect(none?.extra.unseenNotifications).toBe(0);
    expect(toAcceptedVersions(none!.extra.acceptedVersions)).toEqual(await getAcceptedVersions(db, me.id));

    await db.transaction((tx) => recordConsents(tx, me.id, { terms: '2026-11', privacy: '2026-12', rules: '3' }));
    await grantFeathers(db, { username: 'reader', amount: '5', reason: 'for the test' });
    await grantFeathers(db, { username: 'reader', amount: '7', reason: 'and again' });
    await grantFeathers(db, { username: 'other', amount: '9', reason: 'not mine' });
    const some = await getSessionAccountWith(db, token, accountExtras);
    expect(some?.extra.unseenNotifications).toBe(await countUnseenNotifications(db, me.id));
    expect(some?.extra.unseenNotifications).toBe(2);
    expect(toAcceptedVersions(some!.extra.acceptedVersions)).toEqual({ terms: '2026-11', privacy: '2026-12', rules: '3' });
    expect(toAcceptedVersions(some!.extra.acceptedVersions)).toEqual(await getAcceptedVersions(db, me.id));

    const [newest] = await listNotifications(db, me.id);
    await markNotificationsSeen(db, me.id, newest!.id);
    expect((await getSessionAccountWith(db, token, accountExtras))?.extra.unseenNotifications).toBe(0);
  });

  it('signs nobody in with a forged or malformed token, like getSessionAccount', async () => {
    const db = await freshDb();
    await testAccount(db, 'reader');
    expect(await getSessionAccountWith(db, 'x'.repeat(43), accountExtras)).toBeNull();
    expect(await getSessionAccountWith(db, 'not a token', accountExtras)).toBeNull();
  });
});
