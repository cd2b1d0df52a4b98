import type { EmploymentSummary } from '../contract/summary.js';
import type { LinkError, LinkStatus, ProgressStep } from '../contract/proxy-api.js';

/** One person's retrieval, from the POST that starts it until it is forgotten. */
export interface Session {
  /** The unguessable handle the browser holds. */
  readonly handle: string;
  /** Short random name for log lines. */
  readonly tag: string;
  status: LinkStatus;
  /** While pending: reaching IMSS, then downloading the history. */
  step?: ProgressStep;
  summary?: EmploymentSummary;
  error?: LinkError;
  /** The CURP, kept only to build the summary: dropped as soon as the session finishes. */
  curp?: string;
  /** Belvo's link id, once Belvo has created the link. Never sent to the browser. */
  linkId?: string;
  /** Set once the Belvo link's deletion was requested (the session was withdrawn or timed out). */
  linkReleased?: boolean;
  /**
   * Set while the employment records are being downloaded: a second records webhook must not start a second
   * download, and the session is given a grace past its deadline to finish it.
   */
  downloading?: boolean;
  /** Epoch ms after which a still-pending session ends in `timeout`. */
  readonly deadline: number;
  /** Epoch ms after which a finished session is forgotten. */
  expiresAt?: number;
  /**
   * The progress (see progressOf) the browser was last told. A long poll answers at once when the session has moved
   * on since, so a step reached between two polls (e.g. before the first one arrives) is never skipped.
   */
  told: string;
}

/** A session's status and step in one comparable value. */
export function progressOf(session: Pick<Session, 'status' | 'step'>): string {
  return `${session.status}/${session.step ?? ''}`;
}

/**
 * Where sessions live; `createImssProxy({ store })` takes another. The default (createMemorySessionStore) keeps them
 * in memory, so it serves ONE process: with several instances behind a load balancer, a webhook or a poll may reach
 * an instance that never saw the session. Such a deployment needs a shared store, and the long polls' wake-ups stay
 * per process (a poll held by one instance is not woken by a change made by another; it answers at the end of its
 * wait instead).
 *
 * The proxy changes the Session objects in place and recognises them by identity: `get`, `findByLinkId` and `all`
 * must return the very objects that were `add`ed. That suits stores that keep live objects — a map with its own
 * bounds or metrics, say, or one wrapping createMemorySessionStore; sharing sessions between processes takes more
 * than this interface (see "One instance" in the README).
 */
export interface SessionStore {
  get(handle: string): Session | undefined;
  add(session: Session): void;
  delete(handle: string): void;
  /** Records Belvo's link id for a session, so webhooks can find it. */
  attachLink(session: Session, linkId: string): void;
  findByLinkId(linkId: string): Session | undefined;
  all(): Iterable<Session>;
}

export function createMemorySessionStore(): SessionStore {
  const sessions = new Map<string, Session>();
  const handlesByLinkId = new Map<string, string>();
  return {
    get: (handle) => sessions.get(handle),
    add: (session) => void sessions.set(session.handle, session),
    delete(handle) {
      const session = sessions.get(handle);
      if (session?.linkId) handlesByLinkId.delete(session.linkId);
      sessions.delete(handle);
    },
    attachLink(session, linkId) {
      session.linkId = linkId;
      handlesByLinkId.set(linkId, session.handle);
    },
    findByLinkId(linkId) {
      const handle = handlesByLinkId.get(linkId);
      return handle === undefined ? undefined : sessions.get(handle);
    },
    all: () => sessions.values(),
  };
}
