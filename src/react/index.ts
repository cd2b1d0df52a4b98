import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ImssConnect } from '../element/imss-connect.js';
import type {
  ImssCancelEvent,
  ImssErrorEvent,
  ImssProgressEvent,
  ImssSuccessEvent,
} from '../element/events.js';
import '../element/define.js';

export type * from '../element/events.js';
export type { EmploymentSummary, Job } from '../contract/summary.js';

/**
 * `<imss-connect>` as a React component. Attributes and properties become props (`endpoint`, `lang`,
 * `externalId`, `consentGiven`, `privacyUrl`, `hideSummary`, `curp`, `messages`, `fetch`), events become typed
 * callbacks:
 *
 * ```tsx
 * <ImssConnectReact endpoint="/api/imss" onImssSuccess={(e) => save(e.detail.summary)} />
 * ```
 */
export const ImssConnectReact = createComponent({
  tagName: 'imss-connect',
  elementClass: ImssConnect,
  react: React,
  events: {
    onImssProgress: 'imss-progress' as EventName<ImssProgressEvent>,
    onImssSuccess: 'imss-success' as EventName<ImssSuccessEvent>,
    onImssError: 'imss-error' as EventName<ImssErrorEvent>,
    onImssCancel: 'imss-cancel' as EventName<ImssCancelEvent>,
  },
});
