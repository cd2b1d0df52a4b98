'use client';
// imss-connect/react: the wrapper, the hook, and `<imss-connect>` in JSX (jsx.js). A client entry ('use client'):
// a Next.js Server Component may render the wrapper, which then runs on the client.
import './jsx.js';

export { ImssConnectReact, type ImssConnectReactProps } from './imss-connect-react.js';
export {
  useImssConnect,
  type ImssConnectCallbacks,
  type ImssConnectHandle,
  type ImssConnectOutcome,
  type ImssConnectStatus,
} from './use-imss-connect.js';
export type { ImssConnectJsxProps } from './jsx.js';
export type { ImssConnect } from '../element/define.js';
export type * from '../element/events.js';
export type { EmploymentSummary, Job } from '../contract/summary.js';
