// The demo onboarding page (index.html): registers the element, lists the sandbox's scripted CURPs and shows
// the events the element sends to its host page.
import '../element/define.js';
import { sandboxScenarios } from '../sandbox/scenarios.js';

/** Spanish wording of each scripted outcome, for a page written for Mexican users. */
const outcomesEs: Record<string, string> = {
  GALM900514MDFRPR04: 'Con empleo: un trabajo actual y dos anteriores',
  HEGJ850101HJCRNN06: 'Historial largo: 12 empleos con cambios de salario',
  PEMA780715HPLRRN03: 'Sin empleo actual: todos los empleos terminaron',
  SAMC920320MVZNRR04: 'Dos perfiles (dos NSS)',
  SOTM700707MJCTRR08: 'Sin historial laboral',
  TOVL880909HMCRLS09: 'Error: el NSS no fue localizado en el IMSS',
  CAOR750412MDFSRS08: 'Error: el NSS no coincide con la CURP',
  LUHJ960229HGTNRN07: 'Error: la CURP no está en RENAPO',
  MEDA990101MYNNZN08: 'Error: CURP incorrecta según el IMSS',
  BECR830630HCHRRB08: 'Error: datos inconsistentes en el IMSS',
  FIPA911111MOCLRN08: 'Error: la persona no cuenta con NSS',
  JIMA870822HQTMRN05: 'Error: límite diario de consultas',
  OEGL930303MNERMR03: 'Error: el IMSS no está disponible (se puede reintentar)',
  ROSA010203MNLDNLA2: 'Belvo falla una vez (503) y el reintento funciona',
  NUSE000101HSPXXXA2: 'Lenta: los datos llegan en unos 20 segundos',
  VAPE800101HDFLRD03: 'El aviso de Belvo nunca llega: termina por tiempo de espera',
};

function listScenarios(tbody: HTMLTableSectionElement): void {
  for (const { curp, outcome } of sandboxScenarios) {
    const row = tbody.insertRow();
    const code = document.createElement('code');
    code.textContent = curp;
    row.insertCell().append(code);
    row.insertCell().textContent = outcomesEs[curp] ?? outcome;
  }
  const other = tbody.insertRow();
  other.insertCell().textContent = 'Cualquier otra CURP válida';
  other.insertCell().textContent = 'Éxito con datos derivados de la CURP';
}

function logEvents(element: HTMLElement, log: HTMLElement): void {
  for (const type of ['imss-progress', 'imss-success', 'imss-error', 'imss-cancel'] as const) {
    element.addEventListener(type, (event: CustomEvent) => {
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
