// The demo onboarding page (index.html): registers the element, signs in one of the demo's fake applicants and
// sends their token with every request of the element, lists the sandbox's scripted CURPs and shows the events
// the element sends to its host page.
import '../element/define.js';
import type { ImssConnect } from '../element/imss-connect.js';
import { imssEventTypes } from '../element/events.js';
import { DEMO_APPLICANTS } from './demo-applicants.js';
import { derivedScenario, sandboxScenarios } from '../sandbox/scenarios.js';

/** The sandbox's scripted CURPs with their outcome in Spanish (the page is written for people in Mexico). */
function listScenarios(tbody: HTMLTableSectionElement): void {
  const addRow = (first: Node | string, outcome: string) => {
    const row = tbody.insertRow();
    row.insertCell().append(first);
    row.insertCell().textContent = outcome;
  };
  for (const { curp, outcomeEs } of sandboxScenarios) {
    const code = document.createElement('code');
    code.textContent = curp;
    addRow(code, outcomeEs);
  }
  addRow('Cualquier otra CURP válida', derivedScenario.outcomeEs);
}

function logEvents(element: HTMLElement, log: HTMLElement): void {
  for (const type of imssEventTypes) {
    element.addEventListener(type, (event) => {
      const entry = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = type;
      const detail = document.createElement('pre');
      detail.textContent = JSON.stringify(event.detail, null, 2);
      entry.append(name, detail);
      log.prepend(entry);
    });
  }
}

/**
 * The bearer-token pattern of the README's "Applicants", as a partner's page does it: the element's `fetch` adds
 * the signed-in applicant's token to each request, read when the request is made, so a change of applicant
 * applies from the next request on (a retrieval started as Ana and polled as Luis is 404: not his).
 */
function signIn(element: ImssConnect, select: HTMLSelectElement): void {
  for (const { id, label } of DEMO_APPLICANTS) select.add(new Option(label, id));
  // In a real page: the token your sign-in gave (e.g. your identity provider's access token), never a constant.
  const accessToken = () => DEMO_APPLICANTS.find(({ id }) => id === select.value)?.token ?? '';
  element.fetch = (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${accessToken()}`);
    return fetch(input, { ...init, headers });
  };
}

const element = document.querySelector('imss-connect');
const applicant = document.querySelector<HTMLSelectElement>('#applicant');
const log = document.getElementById('event-log');
const rows = document.querySelector<HTMLTableSectionElement>('#scenario-rows');
if (element && applicant) signIn(element, applicant);
if (element && log) logEvents(element, log);
if (rows) listScenarios(rows);
