import { useCallback, useEffect, useRef, useState } from 'react';
import type { EmploymentSummary } from '../contract/summary.js';
import type {
  ImssCancelDetail,
  ImssCancelEvent,
  ImssConnectEventMap,
  ImssErrorDetail,
  ImssErrorEvent,
  ImssProgressDetail,
  ImssProgressEvent,
  ImssSuccessDetail,
  ImssSuccessEvent,
} from '../element/events.js';
import type { ImssConnect } from '../element/imss-connect.js';

/** Each callback gets the event's detail first, then the event itself. */
export interface ImssConnectCallbacks {
  onSuccess?: (detail: ImssSuccessDetail, event: ImssSuccessEvent) => void;
  onError?: (detail: ImssErrorDetail, event: ImssErrorEvent) => void;
  onProgress?: (detail: ImssProgressDetail, event: ImssProgressEvent) => void;
  onCancel?: (detail: ImssCancelDetail, event: ImssCancelEvent) => void;
}

/** Where the last retrieval stands: none yet (or cancelled, or reset), under way, or ended. */
export type ImssConnectStatus = 'idle' | 'retrieving' | 'success' | 'error';

/**
 * The last retrieval's outcome: `status` tells which of `summary` and `error` is set (a success's `summary` is null
 * when the proxy gives it to your server only: `browserDelivery` minimal or none).
 */
export type ImssConnectOutcome =
  | { status: 'idle' | 'retrieving'; summary: null; error: null }
  | { status: 'success'; summary: EmploymentSummary | null; error: null }
  | { status: 'error'; summary: null; error: ImssErrorDetail };

export type ImssConnectHandle = ImssConnectOutcome & {
  /** Give it to `<ImssConnectReact ref={…}>` or `<imss-connect ref={…}>`. */
  ref: (element: ImssConnect | null) => void;
  /** The element's own methods: start with the CURP typed so far, stop a retrieval, start over. */
  submit(): boolean;
  cancel(): boolean;
  reset(): void;
};

const IDLE: ImssConnectOutcome = { status: 'idle', summary: null, error: null };
const RETRIEVING: ImssConnectOutcome = { status: 'retrieving', summary: null, error: null };

/**
 * Listens to an `<imss-connect>` (the wrapper or the bare tag) and hands the host what it needs: the outcome as
 * state, callbacks with the detail, and the element's methods.
 *
 * ```tsx
 * const imss = useImssConnect({ onSuccess: ({ summary }) => save(summary) });
 * return <ImssConnectReact ref={imss.ref} endpoint="/api/imss" />;
 * ```
 */
export function useImssConnect(callbacks: ImssConnectCallbacks = {}): ImssConnectHandle {
  // The latest callbacks, read when an event arrives, so that new ones (inline arrows) need no new listeners.
  const latest = useRef(callbacks);
  useEffect(() => {
    latest.current = callbacks;
  });
  const [element, setElement] = useState<ImssConnect | null>(null);
  const [outcome, setOutcome] = useState<ImssConnectOutcome>(IDLE);

  useEffect(() => {
    if (!element) return;
    const listeners: { [K in keyof ImssConnectEventMap]: (event: ImssConnectEventMap[K]) => void } = {
      'imss-progress': (event) => {
        setOutcome((current) => (current.status === 'retrieving' ? current : RETRIEVING));
        latest.current.onProgress?.(event.detail, event);
      },
      'imss-success': (event) => {
        setOutcome({ status: 'success', summary: event.detail.summary ?? null, error: null });
        latest.current.onSuccess?.(event.detail, event);
      },
      'imss-error': (event) => {
        setOutcome({ status: 'error', summary: null, error: event.detail });
        latest.current.onError?.(event.detail, event);
      },
      'imss-cancel': (event) => {
        setOutcome(IDLE);
        latest.current.onCancel?.(event.detail, event);
      },
    };
    const entries = Object.entries(listeners) as [keyof ImssConnectEventMap, EventListener][];
    for (const [type, listener] of entries) element.addEventListener(type, listener);
    return () => {
      for (const [type, listener] of entries) element.removeEventListener(type, listener);
    };
  }, [element]);

  const submit = useCallback(() => element?.submit() ?? false, [element]);
  const cancel = useCallback(() => element?.cancel() ?? false, [element]);
  const reset = useCallback(() => {
    element?.reset();
    setOutcome(IDLE);
  }, [element]);

  return { ref: setElement, ...outcome, submit, cancel, reset };
}
