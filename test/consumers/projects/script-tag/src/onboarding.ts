// A page that loads dist/imss-connect.min.js with a <script src> tag and types its own code from the package.
import type {} from 'imss-connect/imss-connect.min.js';

const element = document.querySelector('imss-connect');
element?.addEventListener('imss-success', (event) => console.info(event.detail.summary?.jobs.length));
element?.addEventListener('imss-error', (event) => console.info(event.detail.code, event.detail.retryable));
if (element) element.endpoint = '/api/imss';
// @ts-expect-error the element has no such property
if (element) element.endpont = '/api/imss';
