import * as React from 'react';
import { ImssConnect } from '../element/define.js';
import type { ImssConnectProperties } from '../frameworks/element-api.js';
import { useImssConnect, type ImssConnectCallbacks } from './use-imss-connect.js';

/** The element's properties (not its methods: reach those through `ref` or useImssConnect), HTML attributes, callbacks. */
export interface ImssConnectReactProps
  extends
    ImssConnectProperties,
    ImssConnectCallbacks,
    Omit<React.HTMLAttributes<ImssConnect>, keyof ImssConnectProperties | keyof ImssConnectCallbacks> {}

// Properties are set after each render, before the browser paints: in a layout effect, which React warns about
// on the server, where there is no element to set them on anyway.
const useClientLayoutEffect = typeof window === 'undefined' ? React.useEffect : React.useLayoutEffect;

/**
 * `<imss-connect>` as a React component (React 18 and 19): props are the element's properties (`endpoint`, `lang`,
 * `externalId`, `consentGiven`, `privacyUrl`, `hideSummary`, `curp`, `messages`, `fetch`, …); `onSuccess`,
 * `onError`, `onProgress` and `onCancel` get each event's detail; `ref` is the element.
 *
 * Every property is set on the element as a property; those that have an attribute are also rendered as that
 * attribute (`privacyUrl` → `privacy-url`), so that server-rendered HTML carries them and the element has its
 * configuration when it upgrades, before React hydrates.
 *
 * ```tsx
 * <ImssConnectReact endpoint="/api/imss" privacyUrl="/privacy" onSuccess={({ summary }) => save(summary)} />
 * ```
 */
export const ImssConnectReact = React.forwardRef<ImssConnect, ImssConnectReactProps>(
  function ImssConnectReact({ onSuccess, onError, onProgress, onCancel, ...props }, forwardedRef) {
    const { ref: listen } = useImssConnect({ onSuccess, onError, onProgress, onCancel });
    const [element, setElement] = React.useState<ImssConnect | null>(null);
    const ref = React.useCallback(
      (node: ImssConnect | null) => {
        setElement(node);
        listen(node);
        if (typeof forwardedRef === 'function') forwardedRef(node);
        else if (forwardedRef) forwardedRef.current = node;
      },
      [listen, forwardedRef],
    );

    const { rendered, properties } = splitProps(props);
    const previous = React.useRef<Record<string, unknown>>({});
    useClientLayoutEffect(() => {
      if (!element) return;
      const target = element as unknown as Record<string, unknown>;
      // A property the host stops passing goes back to undefined, as with any other prop.
      for (const name of Object.keys(previous.current)) if (!(name in properties)) target[name] = undefined;
      for (const [name, value] of Object.entries(properties))
        if (target[name] !== value) target[name] = value;
      previous.current = properties;
    });

    return React.createElement('imss-connect', { ...rendered, ref, suppressHydrationWarning: true });
  },
);

/**
 * Which props are the element's properties (read from the element class, so new ones follow), and what React
 * renders: the other props, plus each property that has an attribute, as that attribute.
 */
function splitProps(props: Record<string, unknown>): {
  rendered: Record<string, unknown>;
  properties: Record<string, unknown>;
} {
  const rendered: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    const options = ImssConnect.elementProperties.get(name);
    if (!options || options.state) {
      rendered[name] = value;
      continue;
    }
    properties[name] = value;
    if (options.attribute === false) continue;
    const attribute = typeof options.attribute === 'string' ? options.attribute : name.toLowerCase();
    if (value === true) rendered[attribute] = '';
    else if (typeof value === 'string' || typeof value === 'number') rendered[attribute] = String(value);
  }
  return { rendered, properties };
}
