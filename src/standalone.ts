// Entry of dist/imss-connect.min.js, the <script src> bundle: registers <imss-connect> on load.
// The explicit call keeps the registration even where a bundler treats the define module as side-effect free
// (package.json `sideEffects` lists only dist files); ImssConnect.define() is idempotent.
import { ImssConnect } from './element/define.js';

ImssConnect.define();
