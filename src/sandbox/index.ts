/**
 * A local stand-in for Belvo's API for IMSS employment records, with scripted CURPs for every outcome.
 * See `scenarios.ts` for the CURPs and `create-sandbox.ts` for the endpoints and knobs.
 */
export { createBelvoSandbox, type BelvoSandbox, type BelvoSandboxOptions } from './create-sandbox.js';
export { sandboxScenarios, sandboxVariationScenarios, type ScenarioListing } from './scenarios.js';
