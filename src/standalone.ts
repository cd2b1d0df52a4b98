// Entry of dist/imss-connect.min.js, the <script src> bundle: registers <imss-connect> on load, with its Spanish
// (Mexico) texts. Other languages are scripts of their own (dist/imss-connect.en.min.js), loaded after this one:
// they call `ImssConnect.registerTranslation`, the global this bundle defines.
// The define() call is here, in the entry, because the bundler keeps an entry's own statements but may drop an
// imported module's side effects: package.json's `sideEffects` names only the published files.
// Its declarations give a page's TypeScript `document.querySelector('imss-connect')` as an ImssConnect and typed
// `addEventListener('imss-success', …)` (the event map's global augmentation).
// The element's module, not define.js: that one brings the English texts in.
import { ImssConnect } from './element/imss-connect.js';

ImssConnect.define();

export { registerTranslation } from './element/localize.js';
export type { ImssConnect };
export type { ImssConnectEventMap } from './element/events.js';
