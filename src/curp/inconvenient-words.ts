/**
 * RENAPO's catalogue of inconvenient words (Anexo 2 of the Instructivo Normativo para la asignación de la CURP):
 * 81 four-letter words that should never make up the first four letters of a CURP. RENAPO avoids them by
 * writing an X in position 2, so a CURP that still spells one was probably mistyped, though it may be genuine.
 *
 * The list is the one every known implementation agrees on (81 entries, checked by a test). One third-party
 * source adds ORIN and counts 82; no official copy confirms it, so it is left out.
 */
export const inconvenientWords: ReadonlySet<string> = new Set(
  (
    'BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO FALO FETO ' +
    'GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO ' +
    'LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE ' +
    'PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY'
  ).split(' '),
);
