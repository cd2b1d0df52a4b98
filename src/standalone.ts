// Entry of dist/imss-connect.min.js, the <script src> bundle: registers <imss-connect> on load (define.js does).
// Its declarations give a page's TypeScript `document.querySelector('imss-connect')` as an ImssConnect and typed
// `addEventListener('imss-success', …)` (the event map's global augmentation).
import './element/define.js';

export type { ImssConnect } from './element/define.js';
export type { ImssConnectEventMap } from './element/events.js';
