import type { ProxyLogEntry } from '../proxy/index.js';

/** One proxy event as one JSON line with a timestamp, for stdout and log collectors. PII-free by construction. */
export function formatLogLine(entry: ProxyLogEntry, at: Date = new Date()): string {
  return JSON.stringify({ time: at.toISOString(), ...entry });
}
