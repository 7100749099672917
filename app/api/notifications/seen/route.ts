import { z } from 'zod';
import { countUnseenNotifications, markNotificationsSeen } from '@/lib/notifications/notifications';
import { handleMutation } from '@/lib/http/mutation';

const Input = z.object({ upTo: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/**
 * 全部标为已读: marks the reader's own notifications up to the newest one /me showed
 * (one that arrived since stays unseen). The account comes from the session, so no
 * id in the form can reach another reader's notifications.
 */
export async function POST(request: Request) {
  return handleMutation(request, { endpoint: 'notificationsSeen', schema: Input, access: 'signed-in' }, async ({ db, account, input }) => {
    const marked = await markNotificationsSeen(db, account.id, input.upTo);
    return { ok: true, body: { marked, unseen: await countUnseenNotifications(db, account.id) } };
  });
}
