import { ImssConnect } from './imss-connect.js';

// Registers <imss-connect>; harmless when the script is loaded twice on one page.
ImssConnect.define();

declare global {
  interface HTMLElementTagNameMap {
    'imss-connect': ImssConnect;
  }
}

export { ImssConnect };
