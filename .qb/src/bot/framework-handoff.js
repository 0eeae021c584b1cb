export function createFrameworkHandoff() {
    const following = new Map();
    return {
        async handOff(envelope, deliver, log) {
            const id = envelope.data.id;
            const followed = {};
            following.set(id, followed);
            try {
                await deliver();
            }
            catch (err) {
                log.error({ err, resource: envelope.resource }, 'framework failed on an event');
            }
            finally {
                following.delete(id);
            }
            if (followed.event)
                return { kind: 'event', event: followed.event };
            const { resource, event } = envelope;
            const chat = event === 'created' && (resource === 'messages' || resource === 'attachmentActions');
            if (!chat || followed.hasText === false)
                return { kind: 'ignored' };
            return { kind: 'dropped' };
        },
        emitted(id, event) {
            const followed = following.get(id);
            if (followed)
                followed.event = event;
        },
        fetched(message) {
            const followed = following.get(message.id);
            if (followed)
                followed.hasText = Boolean(message.text?.trim());
        },
        size: () => following.size,
    };
}
//# sourceMappingURL=framework-handoff.js.map