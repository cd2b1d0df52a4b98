export { summarizeEmployment, countSkippedRecords, DAYS_PER_MONTH } from './summarize-employment.js';
