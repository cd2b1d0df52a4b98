// imss-connect/vue: registers <imss-connect> and types it in Vue templates (`vue-tsc --strict-templates`):
// attributes and properties from the element class, `@imss-success` and the other events with their CustomEvent.
// Vue itself must render it as a custom element: `compilerOptions.isCustomElement` (see the README).
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { ImssConnectEventMap } from '../element/events.js';
import { ImssConnect } from '../element/define.js';
import type { ImssConnectProperties } from '../frameworks/element-api.js';

/** The shape Vue's documentation gives custom elements in GlobalComponents: props and emits, for templates only. */
type ImssConnectVueComponent = new () => ImssConnect & {
  /** @deprecated For template type checking only; not a member of the element. */
  $props: Omit<HTMLAttributes, keyof ImssConnectProperties> & ImssConnectProperties & PublicProps;
  /** @deprecated For template type checking only; not a member of the element. */
  $emit: EmitFn<{ [K in keyof ImssConnectEventMap]: (event: ImssConnectEventMap[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'imss-connect': ImssConnectVueComponent;
  }
}

export { ImssConnect };
export type * from '../element/events.js';
export type { EmploymentSummary, Job } from '../contract/summary.js';
