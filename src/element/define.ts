import { ImssConnect } from './imss-connect.js';
import { registerTranslation } from './localize.js';
import { en } from './translations/en.js';

// Registers <imss-connect> with both of its languages, for every bundler entry (the package, /define, /react,
// /vue); harmless when the script is loaded twice on one page. The script-tag bundle registers the element alone
// (standalone.ts) and leaves English to a script of its own.
registerTranslation('en', en);
ImssConnect.define();

export { ImssConnect };
