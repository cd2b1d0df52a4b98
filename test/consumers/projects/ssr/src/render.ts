// Server-side rendering of <imss-connect> with Lit SSR, as a partner's Node server would, printed to stdout.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import 'imss-connect/define';

const page = html`<imss-connect endpoint="/api/imss" privacy-url="/aviso-de-privacidad"></imss-connect>`;
process.stdout.write(await collectResult(render(page)));
