// A Server Component (no 'use client'): it renders the wrapper of the 'use client' entry imss-connect/react
// directly in the server tree, with only serializable props, and a client component of its own using the hook.
import { ImssConnectReact } from 'imss-connect/react';
import { Onboarding } from './onboarding';

export default function Page() {
  return (
    <main>
      <h1>Verifica tu historial laboral</h1>
      <section id="server-tree">
        <ImssConnectReact
          endpoint="/api/imss"
          privacyUrl="/aviso-de-privacidad"
          externalId="next-server-tree"
        />
      </section>
      <Onboarding />
    </main>
  );
}
