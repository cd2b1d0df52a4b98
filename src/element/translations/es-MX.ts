import type { Translation } from './translation.js';

const SUBDELEGACION = 'Acude a tu Subdelegación del IMSS con una identificación oficial.';
const CHECK_CURP = 'Verifícala en gob.mx/curp e intenta de nuevo.';
const LATER = 'Intenta de nuevo en unos minutos.';

/** Spanish for Mexico, addressing the person as «tú». The default. */
export const esMX: Translation = {
  label: 'CURP',
  hint: 'Tiene 18 letras y números; aparece en tu INE.',
  lookup: 'Consulta tu CURP en gob.mx',
  consent: 'Autorizo consultar mi historial laboral en el IMSS y acepto el {privacy}.',
  privacy: 'aviso de privacidad',
  consentRequired: 'Marca la casilla para continuar.',
  submit: 'Consultar mi historial',
  invalid: {
    empty: 'Escribe tu CURP.',
    length: 'La CURP tiene 18 caracteres; revisa que esté completa.',
    format: 'Hay un carácter fuera de lugar: la CURP lleva 4 letras, 6 números, 6 letras y 2 caracteres más.',
    date: 'La fecha de nacimiento en tu CURP (posiciones 5 a 10) no existe.',
    sex: 'La posición 11 debe ser H, M o X.',
    state: 'Las posiciones 12 y 13 no son una clave de estado.',
    checksum: 'El dígito verificador (último carácter) no coincide; revisa que no haya un error de captura.',
  },
  steps: { connecting: 'Conectando con el IMSS', retrieving: 'Obteniendo tu historial laboral' },
  stepDone: 'completado',
  elapsed: 'Tiempo transcurrido:',
  longWait: 'El IMSS está tardando más de lo normal; no cierres esta página.',
  cancel: 'Cancelar',
  cancelled: 'Consulta cancelada.',
  errors: {
    nss_not_found: ['El IMSS no encontró un Número de Seguridad Social para tu CURP.', SUBDELEGACION],
    nss_curp_mismatch: [
      'El Número de Seguridad Social que el IMSS tiene registrado para ti no coincide con tu CURP.',
      SUBDELEGACION,
    ],
    curp_not_in_renapo: ['Tu CURP no aparece en el RENAPO.', CHECK_CURP],
    curp_incorrect: ['El IMSS indica que tu CURP es incorrecta.', CHECK_CURP],
    curp_length: ['El IMSS no aceptó la longitud de tu CURP.', CHECK_CURP],
    imss_data_inconsistent: ['El IMSS tiene datos inconsistentes en tu registro.', SUBDELEGACION],
    no_nss: ['Aún no tienes Número de Seguridad Social.', 'Solicítalo en imss.gob.mx o en tu Subdelegación.'],
    imss_visit_required: ['El IMSS pide un trámite en tu Subdelegación.', SUBDELEGACION],
    email_in_use: ['Tu correo está registrado con otra CURP.', SUBDELEGACION],
    daily_limit: ['Ya usaste los intentos de consulta de hoy para esta CURP.', 'Vuelve a intentarlo mañana.'],
    institution_unavailable: ['El IMSS no está respondiendo.', LATER],
    timeout: ['El IMSS tardó demasiado en responder.', LATER],
    imss_rejected: [
      'El IMSS rechazó la consulta sin indicar un motivo claro.',
      'Revisa que tu CURP sea correcta; si lo es, acude a tu Subdelegación del IMSS con una identificación oficial.',
    ],
    service_busy: ['El servicio está recibiendo demasiadas solicitudes en este momento.', LATER],
    service_error: ['Algo falló de nuestro lado.', LATER],
    invalid_curp: ['El servicio no aceptó tu CURP.', 'Revísala.'],
    network: ['No pudimos conectarnos.', 'Revisa tu conexión e intenta de nuevo.'],
  },
  retry: 'Intentar de nuevo',
  edit: 'Editar CURP',
  support: 'Folio de soporte:',
  result: 'Tu historial laboral',
  done: 'Listo: recibimos tu historial laboral.',
  noHistory: 'El IMSS no tiene empleos registrados para tu CURP.',
  fields: {
    name: 'Nombre',
    nss: 'NSS',
    nssEnding: 'termina en',
    status: 'Situación',
    weeks: 'Semanas cotizadas',
    employers: 'Empleo actual',
    salary: 'Salario diario',
    monthly: 'Ingreso mensual estimado',
    reportDate: 'Fecha del reporte',
  },
  statuses: { EMPLOYED: 'Con empleo formal', UNEMPLOYED: 'Sin empleo formal', RETIRED: 'Con pensión' },
};
