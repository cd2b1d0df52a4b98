export * from './error-codes.js';
export * from './summary.js';
export * from './proxy-api.js';
export * from './belvo.js';
