import * as React from 'react';
import { createComponent } from '@lit/react';
import { ImssConnect } from '../element/define.js';
import type { ImssConnectProperties } from '../frameworks/element-api.js';
import { useImssConnect, type ImssConnectCallbacks } from './use-imss-connect.js';

/** The element's properties (not its methods: reach those through `ref` or useImssConnect), HTML attributes, callbacks. */
export interface ImssConnectReactProps
  extends
    ImssConnectProperties,
    ImssConnectCallbacks,
    Omit<React.HTMLAttributes<ImssConnect>, keyof ImssConnectProperties | keyof ImssConnectCallbacks> {}

const LitImssConnect = createComponent({ tagName: 'imss-connect', elementClass: ImssConnect, react: React });

/**
 * `<imss-connect>` as a React component: props are the element's properties (`endpoint`, `lang`, `externalId`,
 * `consentGiven`, `privacyUrl`, `hideSummary`, `curp`, `messages`, `fetch`, …); `onSuccess`, `onError`,
 * `onProgress` and `onCancel` get each event's detail; `ref` is the element.
 *
 * ```tsx
 * <ImssConnectReact endpoint="/api/imss" privacyUrl="/privacy" onSuccess={({ summary }) => save(summary)} />
 * ```
 */
export const ImssConnectReact = React.forwardRef<ImssConnect, ImssConnectReactProps>(
  function ImssConnectReact({ onSuccess, onError, onProgress, onCancel, ...props }, forwardedRef) {
    const { ref: listen } = useImssConnect({ onSuccess, onError, onProgress, onCancel });
    const ref = React.useCallback(
      (element: ImssConnect | null) => {
        listen(element);
        if (typeof forwardedRef === 'function') forwardedRef(element);
        else if (forwardedRef) forwardedRef.current = element;
      },
      [listen, forwardedRef],
    );
    return React.createElement(LitImssConnect, { ...props, ...attributesOf(props), ref });
  },
);

/**
 * The props that have an attribute, also as attributes (`privacyUrl` → `privacy-url=…`): server-rendered HTML then
 * carries them, so the element has its configuration when it upgrades, before React hydrates and sets properties.
 * Which properties have which attribute is read from the element class.
 */
function attributesOf(props: ImssConnectProperties): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(props)) {
    const options = ImssConnect.elementProperties.get(name);
    if (!options || options.state || options.attribute === false) continue;
    const attribute = typeof options.attribute === 'string' ? options.attribute : name.toLowerCase();
    if (value === true) attributes[attribute] = '';
    else if (typeof value === 'string' || typeof value === 'number') attributes[attribute] = String(value);
  }
  return attributes;
}
