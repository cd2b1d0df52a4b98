import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ImssConnect } from '../element/imss-connect.js';
import type {
  ImssConnectAttributes,
  ImssConnectEventProps,
  ImssConnectProperties,
} from '../frameworks/element-api.js';

/**
 * What `<imss-connect>` takes in React 19's JSX: the HTML attributes of any element, the element's properties
 * (set as properties), its attributes in HTML spelling (rendered as such on the server: use `privacy-url` and
 * `consent-given` in server-rendered markup) and its events as `onimss-success`-style props.
 */
export type ImssConnectJsxProps = DetailedHTMLProps<HTMLAttributes<ImssConnect>, ImssConnect> &
  ImssConnectProperties &
  ImssConnectAttributes &
  ImssConnectEventProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'imss-connect': ImssConnectJsxProps;
    }
  }
}
