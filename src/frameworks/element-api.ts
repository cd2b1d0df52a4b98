import type { LitElement } from 'lit';
import type { ImssConnectEventMap } from '../element/events.js';
import type { ImssConnect } from '../element/imss-connect.js';

// The element's public API as types, derived from the class itself, for the React and Vue typings: a property
// added to ImssConnect appears in both without another list to keep up to date.

/** Keys of T's methods: required members whose value is a function (an optional one, like `fetch?`, is a property). */
type MethodName<T> = {
  [K in keyof T]-?: object extends Pick<T, K>
    ? never
    : T[K] extends (...args: never[]) => unknown
      ? K
      : never;
}[keyof T];

/** The properties a host sets: what ImssConnect adds to LitElement, less its methods, plus the `lang` it redefines. */
export type ImssConnectPropertyName =
  Exclude<keyof ImssConnect, keyof LitElement | MethodName<ImssConnect>> | 'lang';

export type ImssConnectProperties = Partial<Pick<ImssConnect, ImssConnectPropertyName>>;

/** `externalId` → `external-id`: the element names each attribute after its property this way. */
export type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}`
  : S;

/** Properties of these types have an attribute; the others (`messages`, `fetch`) are set as properties only. */
type AttributeValue<V> = [NonNullable<V>] extends [boolean]
  ? boolean
  : [NonNullable<V>] extends [string]
    ? string
    : never;

/** The element's attributes, as HTML (and server rendering) spells them: `endpoint`, `consent-given`, … */
export type ImssConnectAttributes = {
  [
    K in ImssConnectPropertyName as AttributeValue<ImssConnect[K]> extends never ? never : KebabCase<K>
  ]?: AttributeValue<ImssConnect[K]>;
};

/** React 19's props for the element's events: `onimss-success` listens for `imss-success`. */
export type ImssConnectEventProps = {
  [K in keyof ImssConnectEventMap as `on${K}`]?: (event: ImssConnectEventMap[K]) => void;
};
