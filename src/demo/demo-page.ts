// The demo onboarding page (index.html): registers the element, lists the sandbox's scripted CURPs and shows
// the events the element sends to its host page.
import '../element/define.js';
import { imssEventTypes } from '../element/events.js';
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

const element = document.querySelector('imss-connect');
const log = document.getElementById('event-log');
const rows = document.querySelector<HTMLTableSectionElement>('#scenario-rows');
if (element && log) logEvents(element, log);
if (rows) listScenarios(rows);
