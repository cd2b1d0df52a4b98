import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ProgressStep } from '../contract/proxy-api.js';
import type { EmploymentSummary } from '../contract/summary.js';
import {
  corsRefused,
  createLink,
  deleteLink,
  getLink,
  ProxyFault,
  within,
  type FlowError,
  type Outcome,
  type ProxyClient,
} from './proxy-client.js';

/** Where a retrieval stands. `render()` maps each of these to a view; nothing else decides what is shown. */
export type FlowState =
  | { status: 'idle' }
  | { status: 'submitting'; startedAt: number; unreachable?: boolean }
  | {
      status: 'retrieving';
      curp: string;
      startedAt: number;
      session: string;
      step: ProgressStep;
      /** The last request failed to reach the proxy, and is being tried again. */
      unreachable?: boolean;
    }
  /** `summary` absent: the proxy delivers it to the partner's server only (`browserDelivery` minimal or none). */
  | { status: 'success'; session: string; summary?: EmploymentSummary }
  | { status: 'error'; curp: string; error: FlowError };

export type ActiveFlowState = Extract<FlowState, { startedAt: number }>;

export interface FlowOptions {
  /** Read at the start of each retrieval. */
  config(): ProxyClient & { externalId?: string };
  /** After every transition. */
  onChange(state: FlowState, previous: FlowState): void;
  /** Every second of an active retrieval; `ticks` counts them. */
  onTick(state: ActiveFlowState, ticks: number): void;
}

/**
 * Seconds the proxy may hold each long poll: under the proxy's cap (MAX_WAIT_SECONDS, 30) and under the 30 s idle
 * timeout common to load balancers and proxies between the page and the partner's server, which would otherwise
 * cut a held poll just before the proxy answers it.
 */
const WAIT_SECONDS = 25;

/**
 * Waits `ms`, or rejects as soon as `signal` aborts. The listener goes on a signal of its own (AbortSignal.any's),
 * which `signal` holds only weakly: once the wait is over, nothing of it is left on `signal`, which lives as long as
 * the retrieval.
 */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    within(ms, signal).onabort = () => (signal.aborted ? reject(signal.reason) : resolve());
  });

/**
 * Tries `call` until it answers, with the client's backoff between tries (see ConnectSettings); `unreachable` is
 * told whether the proxy failed to answer the last try. Retries used up on the network end in `network`, unless
 * the proxy turns out to be there but behind CORS (`configuration`).
 */
async function retrying<T>(
  client: ProxyClient,
  call: () => Promise<Outcome<T>>,
  signal: AbortSignal,
  unreachable: (failing: boolean) => void,
): Promise<Outcome<T>> {
  const { retryBaseMs, retryMaxMs, retryAttempts } = client.settings;
  for (let failures = 1; ; failures++) {
    try {
      const outcome = await call();
      unreachable(false);
      return outcome;
    } catch (error) {
      if (signal.aborted) throw error;
      const fault = error instanceof ProxyFault;
      if (failures >= retryAttempts) {
        if (fault) return { ok: false, error: { code: 'service_error', retryable: true } };
        return (await corsRefused(client)) ?? { ok: false, error: { code: 'network', retryable: true } };
      }
      unreachable(!fault);
      await sleep(Math.min(retryBaseMs * 2 ** (failures - 1), retryMaxMs), signal);
    }
  }
}

/**
 * The retrieval as a state machine: idle → submitting → retrieving → success | error. Owns every request and
 * timer: all stop when the host leaves the page; a retrieval that was past its POST resumes polling when the host
 * comes back. The one exception is a POST already sent: it runs to its answer (or its timeout) unseen, so that a
 * session it opens for a retrieval nobody wants any more (cancelled, or the host left) is deleted at the proxy.
 *
 * (Members are `#private`: the minifier shortens those names, which it cannot do for TypeScript's `private`.)
 */
export class FlowController implements ReactiveController {
  state: FlowState = { status: 'idle' };

  #host: ReactiveControllerHost;
  #options: FlowOptions;
  #abort?: AbortController;
  /** The current retrieval's run: settles soon after it is aborted. */
  #running: Promise<void> = Promise.resolve();
  #timer?: ReturnType<typeof setInterval>;
  #ticks = 0;

  constructor(host: ReactiveControllerHost, options: FlowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get active(): ActiveFlowState | undefined {
    const { state } = this;
    return state.status === 'submitting' || state.status === 'retrieving' ? state : undefined;
  }

  hostConnected(): void {
    const { state } = this;
    if (state.status === 'retrieving') this.#running = this.#run(state.curp, state);
    else if (state.status === 'submitting') this.#set({ status: 'idle' });
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** Starts a retrieval for a valid, normalised CURP. */
  start(curp: string): void {
    this.#stop();
    this.#set({ status: 'submitting', startedAt: Date.now() });
    this.#running = this.#run(curp);
  }

  /**
   * Stops any retrieval and goes back to idle. The session of a retrieval under way is deleted at the proxy: once
   * its held long poll has settled after the abort (while still submitting, #run deletes the session the POST
   * brings). The proxy may still see the aborted poll after the DELETE, and then answers it 404, to nobody.
   */
  reset(): void {
    const active = this.active;
    const running = this.#running;
    this.#stop();
    if (active?.status === 'retrieving') {
      const client = this.#options.config();
      running.then(() => deleteLink(client, active.session));
    }
    this.#set({ status: 'idle' });
  }

  #set(state: FlowState): void {
    const previous = this.state;
    this.state = state;
    this.#host.requestUpdate();
    this.#tick();
    this.#options.onChange(state, previous);
  }

  /** Keeps the one-second clock running exactly while a retrieval is active. */
  #tick(): void {
    if (!this.active) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    } else if (!this.#timer) {
      this.#ticks = 0;
      this.#timer = setInterval(() => {
        const active = this.active;
        if (!active) return;
        this.#host.requestUpdate();
        this.#options.onTick(active, ++this.#ticks);
      }, 1000);
    }
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #run(curp: string, resume?: Extract<FlowState, { status: 'retrieving' }>): Promise<void> {
    const abort = (this.#abort = new AbortController());
    const { signal } = abort;
    const client = this.#options.config();
    const { externalId } = client;
    const fail = (error: FlowError = { code: 'service_error', retryable: true }) =>
      this.#set({ status: 'error', curp, error });
    this.#tick();
    /** Shows whether the proxy is failing to answer, on the state that is current. */
    const unreachable = (failing: boolean) => {
      const active = this.active;
      if (active && !signal.aborted && !!active.unreachable !== failing)
        this.#set({ ...active, unreachable: failing });
    };
    try {
      let current = resume;
      if (!current) {
        // One id for this submission, repeated by every retry of its POST, so that the proxy answers a retry with
        // the session the first try opened (its answer may have been lost). `?.`: randomUUID exists in secure
        // contexts only (https, localhost); on a plain-http page the POST goes without one, as the contract allows.
        const attemptId = crypto.randomUUID?.();
        const created = await retrying(
          client,
          () => createLink(client, { curp, externalId, attemptId }),
          signal,
          unreachable,
        );
        if (signal.aborted) {
          if (created.ok) deleteLink(client, created.value.session);
          return;
        }
        if (!created.ok) return fail(created.error);
        // Still submitting: any other change of state would have aborted `signal`.
        const { startedAt } = this.active!;
        current = {
          status: 'retrieving',
          curp,
          startedAt,
          session: created.value.session,
          step: 'connecting',
        };
        this.#set(current);
      }
      for (;;) {
        const polledAt = Date.now();
        const polled = await retrying(
          client,
          () => getLink(client, current!.session, WAIT_SECONDS, signal),
          signal,
          unreachable,
        );
        if (signal.aborted) return;
        if (!polled.ok) return fail(polled.error);
        // Not aborted, so still this retrieval's state, which `unreachable` may have replaced.
        current = this.state as typeof current;
        const { status, step, summary, error } = polled.value;
        if (status === 'ready') {
          return this.#set({ status: 'success', session: current.session, ...(summary ? { summary } : {}) });
        }
        if (status === 'failed') {
          return fail(error);
        }
        if (step && step !== current.step) this.#set((current = { ...current, step }));
        // A proxy that answers at once without news is not holding the poll: do not hammer it.
        else if (Date.now() - polledAt < client.settings.quietPollMs)
          await sleep(client.settings.quietPollMs, signal);
      }
    } catch {
      if (!signal.aborted) fail();
    }
  }
}
