import type { CurpSex } from '../curp/index.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Invented but plausible Mexican names, chosen to agree with the letters a CURP takes from a name, so that a
 * tester who reads the sandbox's answer sees a person who could own that CURP.
 */

// prettier-ignore
const SURNAMES = [
  'Acosta', 'Aguilar', 'Alvarado', 'Álvarez', 'Arellano', 'Ávila', 'Barrera', 'Bautista', 'Becerra', 'Beltrán',
  'Benítez', 'Cabrera', 'Campos', 'Cárdenas', 'Carrillo', 'Castillo', 'Castro', 'Cervantes', 'Chávez', 'Contreras',
  'Cortés', 'Cruz', 'Delgado', 'Díaz', 'Domínguez', 'Duarte', 'Elizondo', 'Escobar', 'Espinoza', 'Esquivel',
  'Estrada', 'Fernández', 'Figueroa', 'Flores', 'Fuentes', 'Galván', 'García', 'Gómez', 'González', 'Guerrero',
  'Gutiérrez', 'Guzmán', 'Hernández', 'Herrera', 'Ibarra', 'Islas', 'Iturbide', 'Jiménez', 'Juárez', 'Lara',
  'León', 'López', 'Luna', 'Maldonado', 'Márquez', 'Martínez', 'Medina', 'Mejía', 'Méndez', 'Mendoza',
  'Miranda', 'Morales', 'Moreno', 'Muñoz', 'Nava', 'Navarro', 'Nieto', 'Núñez', 'Ochoa', 'Olvera',
  'Orozco', 'Ortega', 'Ortiz', 'Osorio', 'Pacheco', 'Padilla', 'Peña', 'Pérez', 'Pineda', 'Quintero',
  'Quiroz', 'Ramírez', 'Ramos', 'Reyes', 'Ríos', 'Rivera', 'Robles', 'Rocha', 'Rodríguez', 'Rojas',
  'Romero', 'Rosales', 'Rosas', 'Ruiz', 'Salazar', 'Sánchez', 'Sandoval', 'Santiago', 'Serrano', 'Silva',
  'Solís', 'Soto', 'Tapia', 'Torres', 'Trejo', 'Ugalde', 'Uribe', 'Valdez', 'Valencia', 'Valenzuela',
  'Vargas', 'Vázquez', 'Vega', 'Velázquez', 'Villanueva', 'Yáñez', 'Zamora', 'Zepeda', 'Zúñiga',
] as const;

// prettier-ignore
const WOMEN_NAMES = [
  'Adriana', 'Alejandra', 'Ana', 'Andrea', 'Beatriz', 'Blanca', 'Brenda', 'Carmen', 'Carolina', 'Cecilia',
  'Claudia', 'Cristina', 'Daniela', 'Diana', 'Dulce', 'Elena', 'Elizabeth', 'Esther', 'Fabiola', 'Fernanda',
  'Gabriela', 'Gloria', 'Guadalupe', 'Hilda', 'Irma', 'Isabel', 'Itzel', 'Ivonne', 'Jimena', 'Juana',
  'Karina', 'Karla', 'Laura', 'Leticia', 'Lorena', 'Lucía', 'Margarita', 'Mariana', 'Marisol', 'Martha',
  'Miriam', 'Nancy', 'Natalia', 'Nayeli', 'Norma', 'Ofelia', 'Olga', 'Olivia', 'Paola', 'Patricia',
  'Raquel', 'Renata', 'Rosa', 'Silvia', 'Sofía', 'Susana', 'Tania', 'Teresa', 'Úrsula', 'Valeria',
  'Verónica', 'Wendy', 'Ximena', 'Yesenia', 'Yolanda', 'Zulema',
] as const;

// prettier-ignore
const MEN_NAMES = [
  'Adrián', 'Alberto', 'Alejandro', 'Andrés', 'Antonio', 'Arturo', 'Benjamín', 'Bernardo', 'Carlos', 'César',
  'Daniel', 'David', 'Diego', 'Eduardo', 'Emilio', 'Enrique', 'Ernesto', 'Felipe', 'Fernando', 'Francisco',
  'Gabriel', 'Gerardo', 'Guillermo', 'Héctor', 'Horacio', 'Hugo', 'Ignacio', 'Isaac', 'Iván', 'Javier',
  'Jesús', 'Joaquín', 'Joel', 'Jorge', 'Juan', 'Julio', 'Leonardo', 'Lorenzo', 'Luis', 'Manuel',
  'Mario', 'Martín', 'Mauricio', 'Miguel', 'Nicolás', 'Noé', 'Octavio', 'Omar', 'Óscar', 'Pablo',
  'Pedro', 'Rafael', 'Ramón', 'Raúl', 'Ricardo', 'Roberto', 'Rodrigo', 'Salvador', 'Santiago', 'Sergio',
  'Tomás', 'Ulises', 'Uriel', 'Vicente', 'Víctor', 'Wilfrido', 'Xavier', 'Yahir', 'Zacarías',
] as const;

/** The letters a CURP takes from one name: its initial, its first inner vowel and its first inner consonant. */
interface CurpLetters {
  initial: string;
  innerVowel: string | undefined;
  innerConsonant: string | undefined;
}

export interface PersonName {
  /** Given names, e.g. "María Guadalupe". */
  firstName: string;
  /** Both surnames, e.g. "García López". */
  lastName: string;
  /** As IMSS prints it: given names, then surnames. */
  officialName: string;
}

/**
 * A name that spells the CURP's letters where the catalogues allow it (positions 1–4 and 14–16), falling back
 * to looser matches, then to any name, so that every valid CURP gets a name.
 */
export function personNameFor(curp: string, sex: CurpSex, random: SeededRandom): PersonName {
  const firstSurname = pickMatching(
    SURNAMES,
    { initial: curp[0]!, innerVowel: curp[1], innerConsonant: curp[13] },
    random,
  );
  const secondSurname = pickMatching(
    SURNAMES,
    { initial: curp[2]!, innerVowel: undefined, innerConsonant: curp[14] },
    random,
  );
  const givenNames = sex === 'H' ? MEN_NAMES : sex === 'M' ? WOMEN_NAMES : [...WOMEN_NAMES, ...MEN_NAMES];
  const givenName = pickMatching(
    givenNames,
    { initial: curp[3]!, innerVowel: undefined, innerConsonant: curp[15] },
    random,
  );
  // RENAPO skips a leading María or José and takes the letters from the next name, so the prefix keeps the match.
  const devotionalPrefix = sex === 'M' ? 'María' : sex === 'H' ? 'José' : undefined;
  const firstName = devotionalPrefix && random.chance(0.2) ? `${devotionalPrefix} ${givenName}` : givenName;
  const lastName = `${firstSurname} ${secondSurname}`;
  return { firstName, lastName, officialName: `${firstName} ${lastName}` };
}

function pickMatching(names: readonly string[], wanted: CurpLetters, random: SeededRandom): string {
  const lettered = names.map((name) => ({ name, letters: curpLettersOf(name) }));
  const tiers = [
    (l: CurpLetters) =>
      l.initial === wanted.initial &&
      (wanted.innerVowel === undefined || l.innerVowel === wanted.innerVowel) &&
      l.innerConsonant === wanted.innerConsonant,
    (l: CurpLetters) =>
      l.initial === wanted.initial && (wanted.innerVowel === undefined || l.innerVowel === wanted.innerVowel),
    (l: CurpLetters) => l.initial === wanted.initial,
  ];
  for (const matches of tiers) {
    const candidates = lettered.filter((entry) => matches(entry.letters)).map((entry) => entry.name);
    if (candidates.length > 0) return random.pick(candidates);
  }
  return random.pick(names);
}

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);

/** RENAPO's reading of a name: upper-case, accents dropped, Ñ written as X. */
function curpLettersOf(name: string): CurpLetters {
  const plain = name.toUpperCase().replace(/Ñ/g, 'X').normalize('NFD').replace(/\p{M}/gu, '');
  const inner = [...plain.slice(1)];
  return {
    initial: plain.charAt(0),
    innerVowel: inner.find((letter) => VOWELS.has(letter)),
    innerConsonant: inner.find((letter) => !VOWELS.has(letter)),
  };
}
