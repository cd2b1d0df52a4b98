import type { ProxyState } from './proxy-state.js';

/**
 * Publish/subscribe within this process: the memory state's, and the Durable Object state's (every request reaches
 * that one object, so a wake-up only has to reach the long polls it holds).
 */
export function createLocalTopics(): Pick<ProxyState, 'publish' | 'subscribe'> {
  const topics = new Map<string, Set<() => void>>();
  return {
    async publish(topic) {
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
  };
}
