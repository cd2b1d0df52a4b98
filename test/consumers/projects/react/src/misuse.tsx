// Mistakes the typings must catch: each line below fails to compile (or `@ts-expect-error` is itself an error).
import { ImssConnectReact, useImssConnect } from 'imss-connect/react';

export function Misuse() {
  useImssConnect({
    // @ts-expect-error the detail of imss-success has no `code`
    onSuccess: (detail) => detail.code,
  });
  return (
    <>
      {/* @ts-expect-error a misspelt property */}
      <ImssConnectReact endpont="/api/imss" />
      {/* @ts-expect-error the element's methods are not props */}
      <ImssConnectReact submit={() => true} />
      {/* @ts-expect-error consentGiven is a boolean */}
      <ImssConnectReact consentGiven="yes" />
      {/* @ts-expect-error a misspelt attribute of the bare tag */}
      <imss-connect endpont="/api/imss" />
      {/* @ts-expect-error imss-error carries an ImssErrorEvent */}
      <imss-connect onimss-error={(event: MouseEvent) => event.button} />
    </>
  );
}
