/**
 * Wake-ups within this process, by topic: the memory state's and the Durable Object state's publish/subscribe (every
 * request reaches that one object), and the Redis state's delivery of what its subscriber connection hears.
 */
export interface LocalTopics {
  /** Calls every listener of `topic`, at once. */
  publish(topic: string): void;
  /** Listens to `topic` until the returned function is called. */
  subscribe(topic: string, listener: () => void): () => void;
  /** Calls every listener of every topic (whoever waits reads the state again). */
  wakeAll(): void;
}

export function createLocalTopics(): LocalTopics {
  const topics = new Map<string, Set<() => void>>();
  return {
    publish(topic) {
      for (const listener of [...(topics.get(topic) ?? [])]) listener();
    },
    subscribe(topic, listener) {
      let listeners = topics.get(topic);
      if (!listeners) topics.set(topic, (listeners = new Set()));
      // A wrapper per subscription: the same function subscribed twice is two subscriptions.
      const entry = () => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
        if (listeners.size === 0 && topics.get(topic) === listeners) topics.delete(topic);
      };
    },
    wakeAll() {
      for (const listeners of [...topics.values()]) for (const listener of [...listeners]) listener();
    },
  };
}
