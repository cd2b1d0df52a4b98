// The sandbox's scripted people (src/sandbox/scenarios.ts, README's table) that the sandbox's and the proxy's tests
// of realistic histories and Belvo's variations both use.
export const PEOPLE = {
  employed: 'GALM900514MDFRPR04',
  voluntary: 'MORG660315MDFRDD03',
  leaves: 'LOPA880214HNLPRL09',
  redeemedWeeks: 'GUTE790910MJCTRL05',
  salaryAtCap: 'VEMR751120HDFLRC08',
  scores: 'CASD930607MGTSNN07',
  fieldsLeftOut: 'REFJ820505HPLYLR08',
  throttled: 'NAVP910101HSLVRB05',
  linkError: 'DIHR870420MCHZRS00',
  recordsWebhookLost: 'TORB860303HDFHRT08',
  noWebhook: 'VAPE800101HDFLRD03',
} as const;
