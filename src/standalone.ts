// Entry of dist/imss-connect.min.js, the <script src> bundle: registers <imss-connect> on load (define.js does), with
// its Spanish (Mexico) texts. Other languages are scripts of their own (dist/imss-connect.en.min.js), loaded after
// this one: they call `ImssConnect.registerTranslation`, the global this bundle defines.
import './element/define.js';

export { registerTranslation } from './element/localize.js';
