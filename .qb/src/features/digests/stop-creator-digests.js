/**
 * A digest shows its creator's recordings to a space because she chose to share them there. When she leaves (or is
 * removed from) that space, or takes back the bot's access with `disconnect`, that choice no longer holds: her digests
 * stop, and each space is told once. Only the instance whose update stopped them posts the notice, so a redelivered
 * event or a second instance never says it twice.
 */
import { escapeMarkdown, truncate } from '../../core/markdown.js';
const numbers = (subs) => subs.map((s) => `#${s.number}`).join(', ');
function notice(subs, reason) {
    const name = escapeMarkdown(truncate(subs[0]?.creatorName ?? 'Its creator', 80));
    const what = `${subs.length === 1 ? 'digest' : 'digests'} ${numbers(subs)}`;
    return reason === 'left'
        ? `${name} left this space, so I stopped ${what} (their recordings are no longer posted here).`
        : `${name} took back my access to their recordings (\`disconnect\`), so I stopped ${what} here.`;
}
/** Stops the creator's active digests (in one space, or everywhere) and tells each space once. */
export async function stopCreatorDigests(deps, creatorPersonId, reason, roomId) {
    const candidates = (roomId
        ? await deps.repository.listSubscriptions(roomId)
        : await deps.repository.listSubscriptionsOfCreator(creatorPersonId)).filter((s) => s.active && s.creatorPersonId === creatorPersonId);
    if (candidates.length === 0)
        return [];
    const stoppedIds = new Set(await deps.repository.stopSubscriptions(candidates.map((s) => s.id), reason === 'left' ? 'creator left the space' : 'creator disconnected', deps.now()));
    const stopped = candidates.filter((s) => stoppedIds.has(s.id));
    const byRoom = new Map();
    for (const s of stopped)
        byRoom.set(s.roomId, [...(byRoom.get(s.roomId) ?? []), s]);
    for (const [room, subs] of byRoom) {
        deps.logger.info({ roomId: room, count: subs.length, reason }, "stopped a creator's digests");
        try {
            await deps.say(room, notice(subs, reason));
        }
        catch (err) {
            deps.logger.warn({ err, roomId: room }, 'could not post the digests-stopped notice');
        }
    }
    return stopped;
}
//# sourceMappingURL=stop-creator-digests.js.map