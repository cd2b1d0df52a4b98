import type { CurpStateCode } from '../curp/index.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Invented employers as IMSS reports them: a company name, its registro patronal and the state where the
 * worker was registered, written the way IMSS writes states (upper-case, no accents, the capital still
 * "DISTRITO FEDERAL" and the State of Mexico plain "MEXICO").
 */

/** IMSS's names of the states, by the CURP's state code. NE (born abroad) has none: such people work anywhere. */
export const imssStateNames: Readonly<Record<Exclude<CurpStateCode, 'NE'>, string>> = {
  AS: 'AGUASCALIENTES',
  BC: 'BAJA CALIFORNIA',
  BS: 'BAJA CALIFORNIA SUR',
  CC: 'CAMPECHE',
  CL: 'COAHUILA',
  CM: 'COLIMA',
  CS: 'CHIAPAS',
  CH: 'CHIHUAHUA',
  DF: 'DISTRITO FEDERAL',
  DG: 'DURANGO',
  GT: 'GUANAJUATO',
  GR: 'GUERRERO',
  HG: 'HIDALGO',
  JC: 'JALISCO',
  MC: 'MEXICO',
  MN: 'MICHOACAN',
  MS: 'MORELOS',
  NT: 'NAYARIT',
  NL: 'NUEVO LEON',
  OC: 'OAXACA',
  PL: 'PUEBLA',
  QT: 'QUERETARO',
  QR: 'QUINTANA ROO',
  SP: 'SAN LUIS POTOSI',
  SL: 'SINALOA',
  SR: 'SONORA',
  TC: 'TABASCO',
  TS: 'TAMAULIPAS',
  TL: 'TLAXCALA',
  VZ: 'VERACRUZ',
  YN: 'YUCATAN',
  ZS: 'ZACATECAS',
};

type ImssStateCode = keyof typeof imssStateNames;

/** Where people move for work: most jobs are near home, the rest mostly in these states. */
const JOB_HUBS: readonly ImssStateCode[] = ['DF', 'MC', 'JC', 'NL', 'QT', 'GT', 'BC', 'PL', 'CH', 'QR'];

/** The state of one job: mostly the state of birth, sometimes a hub. */
export function jobStateCode(birthState: CurpStateCode, random: SeededRandom): ImssStateCode {
  if (birthState !== 'NE' && random.chance(0.7)) return birthState;
  return random.pick(JOB_HUBS);
}

const BUSINESSES = [
  'Comercializadora',
  'Distribuidora',
  'Servicios Administrativos',
  'Grupo Industrial',
  'Transportes',
  'Constructora',
  'Operadora de Restaurantes',
  'Manufacturas',
  'Alimentos Procesados',
  'Logística Integral',
  'Corporativo Comercial',
  'Textiles',
  'Autopartes',
  'Farmacias',
  'Tiendas de Conveniencia',
  'Consultores Asociados',
  'Seguridad Privada',
  'Servicios Médicos',
  'Maquiladora',
  'Impulsora Agrícola',
  'Inmobiliaria',
  'Hotelera',
  'Panificadora',
  'Tecnologías de Información',
] as const;

/** Regional names companies take, by state, so that a Jalisco job reads "…de Occidente". */
const REGIONS: Readonly<Record<ImssStateCode, readonly string[]>> = {
  AS: ['del Bajío', 'de Aguascalientes'],
  BC: ['del Pacífico', 'de la Frontera', 'de Baja California'],
  BS: ['del Pacífico', 'de Los Cabos'],
  CC: ['del Sureste', 'de la Península'],
  CL: ['del Norte', 'de la Laguna'],
  CM: ['de Occidente', 'del Pacífico'],
  CS: ['del Sureste', 'de Chiapas'],
  CH: ['del Norte', 'de la Frontera'],
  DF: ['del Valle de México', 'del Centro', 'de la Capital'],
  DG: ['del Norte', 'de la Laguna'],
  GT: ['del Bajío', 'del Centro'],
  GR: ['del Pacífico', 'del Sur'],
  HG: ['del Centro', 'de la Huasteca'],
  JC: ['de Occidente', 'de Guadalajara'],
  MC: ['del Valle de México', 'del Centro'],
  MN: ['de Occidente', 'del Bajío'],
  MS: ['del Centro', 'del Sur'],
  NT: ['de Occidente', 'del Pacífico'],
  NL: ['del Norte', 'de Monterrey'],
  OC: ['del Sureste', 'del Sur'],
  PL: ['del Centro', 'de Puebla'],
  QT: ['del Bajío', 'del Centro'],
  QR: ['del Caribe', 'de la Península'],
  SP: ['del Centro', 'de San Luis'],
  SL: ['del Pacífico', 'del Noroeste'],
  SR: ['del Noroeste', 'del Pacífico'],
  TC: ['del Golfo', 'del Sureste'],
  TS: ['del Golfo', 'del Norte'],
  TL: ['del Centro', 'de Tlaxcala'],
  VZ: ['del Golfo', 'de Veracruz'],
  YN: ['de la Península', 'del Sureste'],
  ZS: ['del Norte', 'del Centro'],
};

const LEGAL_FORMS = ['SA de CV', 'SA de CV', 'SA de CV', 'S de RL de CV', 'SAPI de CV', 'SC'] as const;

/**
 * How IMSS names the "employer" of a person paying Modalidad 40 (continuación voluntaria al régimen obligatorio):
 * the person pays the contributions themselves, so the record carries the modality, not a company.
 */
export const VOLUNTARY_CONTINUATION_EMPLOYER = 'CONTINUACION VOLUNTARIA AL REGIMEN OBLIGATORIO';

/** e.g. "Comercializadora del Bajío SA de CV". */
export function employerName(state: ImssStateCode, random: SeededRandom): string {
  return `${random.pick(BUSINESSES)} ${random.pick(REGIONS[state])} ${random.pick(LEGAL_FORMS)}`;
}

/** Letters IMSS uses at the head of a registro patronal (no I, O or Ñ, which read like digits or are not ASCII). */
const REGISTRO_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A registro patronal in IMSS's 11-character shape, e.g. "Y6612345108": a letter, the subdelegation (2 digits),
 * a sequence (5 digits), the insurance modality (10 is the general regime, 40 the voluntary continuation) and a
 * check digit (Luhn here).
 */
export function registroPatronal(random: SeededRandom, modality: '10' | '40' = '10'): string {
  const digits = `${String(random.int(10, 99))}${String(random.int(0, 99999)).padStart(5, '0')}${modality}`;
  return `${random.pick([...REGISTRO_LETTERS])}${digits}${luhnCheckDigit(digits)}`;
}

/** The Luhn check digit of a string of digits (also the one that closes an NSS). */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  [...digits].reverse().forEach((character, index) => {
    let value = Number(character);
    if (index % 2 === 0) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  });
  return String((10 - (sum % 10)) % 10);
}
