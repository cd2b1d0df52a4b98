/**
 * The codes of positions 12–13 (RENAPO's catalogue of federal entities) and how to show them to a person.
 * Names are the current official short names; the codes themselves never change, which is why Mexico City is
 * still DF and the State of Mexico is MC. NE is for people born abroad.
 */
export const curpStates = {
  AS: 'Aguascalientes',
  BC: 'Baja California',
  BS: 'Baja California Sur',
  CC: 'Campeche',
  CL: 'Coahuila',
  CM: 'Colima',
  CS: 'Chiapas',
  CH: 'Chihuahua',
  DF: 'Ciudad de México',
  DG: 'Durango',
  GT: 'Guanajuato',
  GR: 'Guerrero',
  HG: 'Hidalgo',
  JC: 'Jalisco',
  MC: 'Estado de México',
  MN: 'Michoacán',
  MS: 'Morelos',
  NT: 'Nayarit',
  NL: 'Nuevo León',
  OC: 'Oaxaca',
  PL: 'Puebla',
  QT: 'Querétaro',
  QR: 'Quintana Roo',
  SP: 'San Luis Potosí',
  SL: 'Sinaloa',
  SR: 'Sonora',
  TC: 'Tabasco',
  TS: 'Tamaulipas',
  TL: 'Tlaxcala',
  VZ: 'Veracruz',
  YN: 'Yucatán',
  ZS: 'Zacatecas',
  NE: 'Nacido en el extranjero',
} as const satisfies Record<string, string>;

export type CurpStateCode = keyof typeof curpStates;

/** Own keys only, so that inherited names such as `constructor` are never taken for a state. */
export function isCurpStateCode(code: string): code is CurpStateCode {
  return Object.hasOwn(curpStates, code);
}
