// A partner's React 19 page: the wrapper with the hook, and the bare tag typed through imss-connect/react.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ImssConnectReact, useImssConnect, type ImssErrorDetail } from 'imss-connect/react';

function WithWrapper() {
  const imss = useImssConnect();
  const [error, setError] = useState<ImssErrorDetail | null>(null);
  return (
    <section>
      <h2>Wrapper</h2>
      <ImssConnectReact
        ref={imss.ref}
        endpoint="/api/imss"
        privacyUrl="/aviso-de-privacidad"
        externalId="react-consumer"
        onError={(detail) => setError(detail)}
      />
      {imss.status === 'success' && imss.summary && (
        <output id="wrapper-summary">{`${imss.summary.currentJobs.length} empleo(s) actual(es)`}</output>
      )}
      {error && <output id="wrapper-error">{error.code}</output>}
    </section>
  );
}

function BareTag() {
  const [jobs, setJobs] = useState<number | null>(null);
  const imss = useImssConnect({ onSuccess: ({ summary }) => setJobs(summary?.jobs.length ?? null) });
  return (
    <section lang="en">
      <h2>Bare tag</h2>
      <imss-connect
        ref={imss.ref}
        endpoint="/api/imss"
        consent-given
        hide-summary
        onimss-progress={(event) => console.info(event.detail.step)}
      />
      {jobs !== null && <output id="bare-summary">{`${jobs} job(s)`}</output>}
      <button type="button" onClick={() => imss.reset()}>
        Start over
      </button>
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WithWrapper />
    <BareTag />
  </StrictMode>,
);
