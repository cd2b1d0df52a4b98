// A small React page using the wrapper the way a partner would: typed props and typed event callbacks.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  ImssConnectReact,
  type EmploymentSummary,
  type ImssErrorDetail,
} from '../../../../src/react/index.js';

function Onboarding() {
  const [summary, setSummary] = useState<EmploymentSummary | null>(null);
  const [error, setError] = useState<ImssErrorDetail | null>(null);
  return (
    <main>
      <h1>Verifica tu historial laboral</h1>
      <ImssConnectReact
        endpoint="/api/imss"
        consentGiven
        externalId="react-e2e"
        onImssSuccess={(event) => setSummary(event.detail.summary)}
        onImssError={(event) => setError(event.detail)}
      />
      {summary && <output id="host-summary">{`${summary.currentJobs.length} empleo(s) actual(es)`}</output>}
      {error && <output id="host-error">{error.code}</output>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Onboarding />
  </StrictMode>,
);
