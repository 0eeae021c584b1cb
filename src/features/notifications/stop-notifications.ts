/**
 * When notifications stop without their `notify stop`: their creator left the space (or the bot was removed from
 * it), or the creator disconnected and their personal webhook can no longer be served.
 */
import type { MemberLeft } from '../../core/feature-module.js';
import { escapeMarkdown } from '../../core/markdown.js';
import type { Messenger } from '../../core/messenger.js';
import type { Logger } from '../../logger.js';
import type { NotificationRepository } from './notification-repository.js';
import type { NotificationWebhooks } from './notification-webhooks.js';

export interface StopNotificationsDeps {
  repo: NotificationRepository;
  messenger: Messenger;
  webhooks: Pick<NotificationWebhooks, 'afterStop' | 'removePersonal'>;
  /** With the org token, notifications don't depend on anyone's sign-in. */
  orgTokenConfigured: boolean;
  now(): Date;
  log: Logger;
}

/** Someone left a space: their notifications there stop; the bot's own removal stops all of the space's. */
export async function stopForMemberLeft(deps: StopNotificationsDeps, left: MemberLeft): Promise<void> {
  const { repo } = deps;
  const { roomId } = left;
  const all = await repo.listActive(roomId);
  const theirs = left.isBot ? all : all.filter((n) => n.creatorPersonId === left.personId);
  if (theirs.length === 0) return;
  const stopped = new Set(
    await repo.stop(
      theirs.map((n) => n.id),
      'left the space',
      deps.now(),
    ),
  );
  const mine = theirs.filter((n) => stopped.has(n.id));
  for (const p of new Set(mine.map((n) => n.creatorPersonId))) await deps.webhooks.afterStop(p);
  // Only the instance whose update stopped them says so, once; the bot itself can't post where it was removed.
  if (mine.length === 0 || left.isBot) return;
  const first = mine[0];
  const name = first ? first.creatorName : 'Its creator';
  await deps.messenger.say(
    roomId,
    `${escapeMarkdown(name)} left this space, so I stopped ${mine.length === 1 ? 'notification' : 'notifications'} ${mine.map((n) => `#${n.number}`).join(', ')} (their recordings are no longer posted here).`,
  );
}

/** Before a person's sign-in is deleted: stops what needed it and removes their webhook while their token works. */
export async function stopForDisconnect(deps: StopNotificationsDeps, personId: string): Promise<void> {
  const { repo } = deps;
  const theirs = (await repo.activeOfCreator(personId)).filter((n) => n.source === 'user');
  if (theirs.length > 0 && !deps.orgTokenConfigured) {
    const stopped = await repo.stop(
      theirs.map((n) => n.id),
      'disconnected',
      deps.now(),
    );
    if (stopped.length > 0) {
      const numbers = theirs.filter((n) => stopped.includes(n.id)).map((n) => `#${n.number}`);
      await deps.messenger
        .sendDirect(
          personId,
          `Your recording notifications (${numbers.join(', ')}) are stopped too: they need your sign-in. Type \`connect\` and \`notify me\` to start again.`,
        )
        .catch((err: unknown) =>
          deps.log.warn({ err }, 'could not tell the person their notifications stopped'),
        );
    }
  }
  if (await repo.personalWebhook(personId)) await deps.webhooks.removePersonal(personId);
}
