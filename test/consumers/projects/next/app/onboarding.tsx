'use client';
// A client component of the partner's: the wrapper with useImssConnect, showing what the host page learns.
import { useEffect, useState } from 'react';
import { ImssConnectReact, useImssConnect } from 'imss-connect/react';

export function Onboarding() {
  const imss = useImssConnect();
  // Marks the section once React has hydrated it (the hook listens from then on), for the test to wait for.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <section id="client-component" lang="en" data-hydrated={hydrated ? '' : undefined}>
      <ImssConnectReact
        ref={imss.ref}
        endpoint="/api/imss"
        privacyUrl="/aviso-de-privacidad"
        externalId="next-client-component"
      />
      {imss.status === 'success' && imss.summary && (
        <output id="host-summary">{`${imss.summary.currentJobs.length} current job(s)`}</output>
      )}
    </section>
  );
}
