export { summarizeEmployment, DAYS_PER_MONTH } from './summarize-employment.js';
