// Entry of dist/imss-connect.en.min.js: adds English to the <script src> bundle, which it must follow on the page.
import type { registerTranslation } from './element/localize.js';
import { en } from './element/translations/en.js';

declare const ImssConnect: { registerTranslation: typeof registerTranslation };

ImssConnect.registerTranslation('en', en);
