// What the sandbox answers, checked against Belvo's own OpenAPI description (v1.35, an older public version; see
// test/fixtures/, gzipped): every answer of every operation the sandbox serves is validated with Ajv against the schema
// the description gives for that path, method and status. The objects are closed (no property the description does
// not name), so a misspelt or invented field fails; where today's API is newer than the description, the difference
// is written out below, one relaxation each, with the reason.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { IMSS_FETCH_RESOURCES, IMSS_INSTITUTION } from '../../src/contract/index.js';
import { sandboxScenarios, sandboxVariationScenarios } from '../../src/sandbox/index.js';
import { scenarioFor } from '../../src/sandbox/scenarios.js';
import { eventually } from './proxy-harness.js';
import { receiver, startSandbox } from './sandbox-harness.js';

/** Belvo's description as published (gzipped in the repository, so that a bare clone checks against it too). */
const DESCRIPTION_PATH =
  process.env['BELVO_OPENAPI_PATH'] ??
  fileURLToPath(new URL('../fixtures/belvo-openapi-1.35.yaml.gz', import.meta.url));

function readDescription(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

type Json = Record<string, unknown>;
type Description = {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

// ── Where today's API is newer than the description ──────────────────────────────────────────────────────────

/** Properties Belvo sends today that v1.35 does not describe, with their shape as Belvo's newer pages give it. */
const NEWER_PROPERTIES: Record<string, Record<string, Json>> = {
  // Links created with the asynchronous historical workflow carry what they fetch and how long Belvo keeps what.
  Link: {
    fetch_resources: {
      type: 'array',
      items: { enum: ['OWNERS', 'EMPLOYMENT_RECORDS', 'EMPLOYMENT_METRICS'] },
    },
    credentials_storage: { type: 'string', pattern: '^(store|nostore|[1-9][0-9]{0,2}d)$' },
    stale_in: { type: 'string', pattern: '^[1-9][0-9]{0,2}d$' },
  },
  // IMSS's employment scores (newer records; null when Belvo has none).
  EmploymentRecord: {
    employment_scores: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['score', 'period', 'version'],
        properties: {
          score: { type: ['integer', 'null'], minimum: 300, maximum: 900 },
          period: { enum: [3, 6, 12] },
          version: { type: 'string' },
        },
      },
    },
  },
};

/** Properties the description makes non-null that Belvo sends as null today. */
const NOW_NULLABLE: Record<string, string[]> = {
  // The current job has no end date (newer descriptions: "null for the current job"); ISSSTE jobs, and IMSS jobs
  // whose registro patronal is not given, have no employer_id.
  EmploymentRecordDetail: ['end_date', 'employer_id'],
  // The PDF is only there with `attach_pdf: true`; Belvo's own sandbox always leaves it null.
  EmploymentRecordFile: ['value'],
};

/**
 * Answers the description has no schema for at all: newer than v1.35, or never described. Each is checked against
 * the shape named here instead.
 */
const NOT_DESCRIBED: Record<string, { reason: string; schema: Json }> = {
  // The API root the SDK's connect() asks for, to check the keys: a map of endpoint URLs.
  'get /api/ 200': {
    reason: 'the API root is not an operation of the description',
    schema: { type: 'object', additionalProperties: { type: 'string', format: 'uri' } },
  },
  'post /api/links/ 403': {
    reason: "IMSS's daily limit (forbidden_by_host), documented in Belvo's IMSS pages, not in v1.35",
    schema: { $ref: '#/definitions/BelvoErrors' },
  },
  'post /api/links/ 429': {
    reason: 'Belvo documents no 429, but a client must survive one (with Retry-After)',
    schema: { $ref: '#/definitions/BelvoErrors' },
  },
  'post /api/links/ 503': {
    reason: 'Belvo documents no 503; gateways send one',
    schema: { $ref: '#/definitions/BelvoErrors' },
  },
  'post /api/employment-records/ 202': {
    reason: 'the asynchronous mode (X-Belvo-Request-Mode: async) is newer than v1.35',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['request_id'],
      properties: { request_id: { type: 'string' } },
    },
  },
};

// ── The description as JSON Schema ───────────────────────────────────────────────────────────────────────────

const ANNOTATIONS = new Set([
  'example',
  'examples',
  'description',
  'deprecated',
  'nullable',
  'xml',
  'externalDocs',
]);

/** OpenAPI 3.0's schema dialect to JSON Schema draft-07: `nullable` becomes a null type, refs point at definitions. */
function toJsonSchema(schema: Json): Json {
  const converted: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key === '$ref') converted[key] = String(value).replace('#/components/schemas/', '#/definitions/');
    else if (key === 'properties')
      converted[key] = Object.fromEntries(
        Object.entries(value as Record<string, Json>).map(([name, property]) => [
          name,
          toJsonSchema(property),
        ]),
      );
    else if (
      key === 'items' ||
      key === 'not' ||
      (key === 'additionalProperties' && typeof value === 'object')
    )
      converted[key] = toJsonSchema(value as Json);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf')
      converted[key] = (value as Json[]).map(toJsonSchema);
    else converted[key] = value;
  }
  if (schema['nullable'] === true) makeNullable(converted);
  return converted;
}

function makeNullable(schema: Json): void {
  if (typeof schema['type'] === 'string') schema['type'] = [schema['type'], 'null'];
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(null))
    schema['enum'] = [...schema['enum'], null];
}

/** The definitions a schema needs, transitively. */
function referenced(
  schema: unknown,
  definitions: Record<string, Json>,
  found = new Set<string>(),
): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) referenced(item, definitions, found);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
        const name = value.slice('#/definitions/'.length);
        if (!found.has(name)) {
          found.add(name);
          referenced(definitions[name], definitions, found);
        }
      } else referenced(value, definitions, found);
    }
  }
  return found;
}

/** Every property of every object schema among `names` closed: nothing the description does not name. */
function close(definitions: Record<string, Json>, names: Iterable<string>): void {
  for (const name of names) {
    const definition = definitions[name];
    if (definition?.['type'] === 'object' || (definition && definition['properties']))
      definition['additionalProperties'] = false;
  }
}

/** `/api/links/3f…/` → `/api/links/{id}/`, the description's path for a URL the sandbox served. */
function pathTemplate(pathname: string, templates: readonly string[]): string {
  const withSlash = pathname.endsWith('/') ? pathname : `${pathname}/`;
  const match = templates.find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(withSlash),
  );
  return match ?? withSlash;
}

class DescriptionValidator {
  readonly #templates: string[];
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #ajv: Ajv;
  readonly #description: Description;
  readonly #definitions: Record<string, Json>;
  /** What each check validated, by `method path status`, for the test to assert its coverage. */
  readonly checked = new Set<string>();

  constructor(description: Description) {
    this.#description = description;
    this.#templates = Object.keys(description.paths);
    this.#definitions = Object.fromEntries(
      Object.entries(description.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]),
    );
    for (const [name, properties] of Object.entries(NEWER_PROPERTIES)) {
      const definition = this.#definitions[name]!;
      definition['properties'] = { ...(definition['properties'] as Json), ...properties };
    }
    for (const [name, fields] of Object.entries(NOW_NULLABLE)) {
      const properties = this.#definitions[name]!['properties'] as Record<string, Json>;
      for (const field of fields) makeNullable(properties[field]!);
    }
    this.#definitions['BelvoErrors'] = {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/definitions/ValidationError' },
    };
    this.#ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    (addFormatsModule as unknown as (ajv: Ajv) => void)(this.#ajv);
    this.#ajv.addFormat('int32', { type: 'number', validate: (value) => Number.isInteger(value) });
    this.#ajv.addFormat('float', { type: 'number', validate: () => true });
  }

  /** The schema of an operation's answer: the description's, or the stand-in of NOT_DESCRIBED. */
  #schemaFor(key: string, method: string, template: string, status: number): Json {
    const responses = this.#description.paths[template]?.[method]?.['responses'] as
      Record<string, Json> | undefined;
    const response = responses?.[String(status)] as
      { content?: Record<string, { schema?: Json }> } | undefined;
    const described = response?.content?.['application/json']?.schema;
    const stand_in = NOT_DESCRIBED[key];
    if (stand_in) {
      assert.equal(described, undefined, `${key} is described now: drop it from NOT_DESCRIBED`);
      return stand_in.schema;
    }
    assert.ok(described, `the description has no answer for ${key}`);
    return toJsonSchema(described);
  }

  #validatorFor(key: string, method: string, template: string, status: number): ValidateFunction {
    const known = this.#validators.get(key);
    if (known) return known;
    const root = this.#schemaFor(key, method, template, status);
    const needed = referenced(root, this.#definitions);
    const definitions = Object.fromEntries(
      [...needed].map((name) => [name, structuredClone(this.#definitions[name])]),
    );
    close(definitions as Record<string, Json>, needed);
    const validate = this.#ajv.compile({ ...root, definitions });
    this.#validators.set(key, validate);
    return validate;
  }

  /** Asserts that an answer is what the description (as relaxed above) says this operation answers. */
  check(method: string, url: string, status: number, body: unknown): void {
    const template = pathTemplate(new URL(url).pathname, this.#templates);
    const key = `${method.toLowerCase()} ${template} ${String(status)}`;
    if (status === 204) {
      assert.equal(body, undefined, `${key} has no body`);
    } else {
      const validate = this.#validatorFor(key, method.toLowerCase(), template, status);
      assert.ok(validate(body), `${key}: ${this.#ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
    }
    this.checked.add(key);
  }
}

// ── The checks ───────────────────────────────────────────────────────────────────────────────────────────────

/** A sandbox whose every answer is validated as it is received. */
async function checkedSandbox(
  validator: DescriptionValidator,
  options: Parameters<typeof startSandbox>[0] = {},
) {
  const sandbox = await startSandbox(options);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const { authorization, ...others } = headers;
    const answer = await sandbox.call(method, path, body, authorization, others);
    validator.check(method, new URL(path, sandbox.url).href, answer.status, answer.body);
    return answer;
  };
  const createLink = (curp: string, extra: Json = {}) =>
    call('POST', '/api/links/', {
      institution: IMSS_INSTITUTION,
      username: curp,
      access_mode: 'single',
      fetch_resources: [...IMSS_FETCH_RESOURCES],
      external_id: 'partner-ref-001',
      ...extra,
    });
  return { ...sandbox, call, createLink };
}

/** Every page of a listing, each validated. */
async function everyPage(sandbox: Awaited<ReturnType<typeof checkedSandbox>>, path: string) {
  const items: Json[] = [];
  let next: string | null = path;
  while (next) {
    const answer = await sandbox.call('GET', next);
    assert.equal(answer.status, 200, next);
    const page = answer.body as { next: string | null; results: Json[] };
    items.push(...page.results);
    next = page.next;
  }
  return items;
}

describe("belvo sandbox: answers match Belvo's OpenAPI description (v1.35, with today's differences)", () => {
  const found = existsSync(DESCRIPTION_PATH);
  const validator = found
    ? new DescriptionValidator(parse(readDescription(DESCRIPTION_PATH), { maxAliasCount: -1 }) as Description)
    : undefined;

  test('the description is there to check against', () => {
    assert.ok(found, `Belvo's OpenAPI description not found at ${DESCRIPTION_PATH} (set BELVO_OPENAPI_PATH)`);
  });

  test(
    'every scripted person: link, webhooks, records, owners and their details',
    { skip: !validator },
    async () => {
      const sandbox = await checkedSandbox(validator!, { pageSize: 1 });
      const people = [...sandboxScenarios, ...sandboxVariationScenarios].filter(
        (scenario) => scenario.expect === 'success',
      );
      const linkIds: string[] = [];
      for (const { curp } of people) {
        let created = await sandbox.createLink(curp);
        // The flaky and throttled people answer 503 and 429 first.
        while (created.status === 503 || created.status === 429) created = await sandbox.createLink(curp);
        assert.equal(created.status, 201, curp);
        linkIds.push((created.body as { id: string }).id);
      }
      // TORB's EMPLOYMENT_RECORDS webhook is lost on purpose: its one webhook is the OWNERS one.
      const lost = people.map(({ curp }) => scenarioFor(curp).recordsWebhookLost === true);
      await Promise.all(linkIds.map((linkId, index) => receiver.waitFor(linkId, lost[index] ? 1 : 2)));
      // …and its records are stored when that webhook would have come.
      for (const [index, linkId] of linkIds.entries()) {
        if (!lost[index]) continue;
        const listing = `/api/employment-records/?link=${linkId}`;
        await eventually(async () => (await everyPage(sandbox, listing)).length > 0);
      }
      for (const linkId of linkIds) {
        await sandbox.call('GET', `/api/links/${linkId}/`);
        const records = await everyPage(sandbox, `/api/employment-records/?link=${linkId}`);
        for (const record of records.slice(0, 1))
          await sandbox.call('GET', `/api/employment-records/${String(record['id'])}/`);
        const owners = await everyPage(sandbox, `/api/owners/?link=${linkId}`);
        await sandbox.call('GET', `/api/owners/${String(owners[0]!['id'])}/`);
      }
      await everyPage(sandbox, '/api/links/');
      await everyPage(sandbox, '/api/employment-records/');
    },
  );

  test('retrievals, access-mode changes, deletions and errors', { skip: !validator }, async () => {
    const sandbox = await checkedSandbox(validator!);
    await sandbox.call('GET', '/api/');
    const linkId = (
      (await sandbox.createLink('CASD930607MGTSNN07', { credentials_storage: 'nostore' })).body as {
        id: string;
      }
    ).id;
    await sandbox.call('POST', '/api/employment-records/', { link: linkId, attach_pdf: true });
    await sandbox.call('POST', '/api/employment-records/', { link: linkId, save_data: false });
    await sandbox.call(
      'POST',
      '/api/employment-records/',
      { link: linkId },
      { 'x-belvo-request-mode': 'async' },
    );
    await sandbox.call('POST', '/api/owners/', { link: linkId });
    await sandbox.call('POST', '/api/owners/', { link: linkId, save_data: false });
    await sandbox.call('PATCH', `/api/links/${linkId}/`, { access_mode: 'recurrent' });
    await sandbox.call('PATCH', `/api/links/${linkId}/`, { access_mode: 'single' });
    const [record] = await everyPage(sandbox, `/api/employment-records/?link=${linkId}`);
    await sandbox.call('DELETE', `/api/employment-records/${String(record!['id'])}/`);
    await sandbox.call('GET', `/api/employment-records/${String(record!['id'])}/`);
    await sandbox.call('DELETE', `/api/links/${linkId}/`);
    await sandbox.call('GET', `/api/links/${linkId}/`);
    await sandbox.call('DELETE', `/api/links/${linkId}/`);

    // Errors: Belvo's validation, IMSS's refusals, the keys, a timed-out retrieval.
    await sandbox.call('POST', '/api/links/', { access_mode: 'sometimes' });
    await sandbox.call('POST', '/api/employment-records/', { link: 'not-a-link', save_data: 'yes' });
    for (const curp of [
      'TOVL880909HMCRLS09',
      'OEGL930303MNERMR03',
      'JIMA870822HQTMRN05',
      'NAVP910101HSLVRB05',
    ])
      await sandbox.createLink(curp);
    await sandbox.call('GET', '/api/employment-records/', undefined, { authorization: 'Basic bm9wZTpub3Bl' });
    const silent = ((await sandbox.createLink('VAPE800101HDFLRD03')).body as { id: string }).id;
    await sandbox.call('POST', '/api/employment-records/', { link: silent });
  });

  test('the checks covered every operation the sandbox serves', { skip: !validator }, () => {
    for (const key of [
      'get /api/ 200',
      'get /api/links/ 200',
      'post /api/links/ 201',
      'post /api/links/ 400',
      'post /api/links/ 403',
      'post /api/links/ 429',
      'post /api/links/ 503',
      'get /api/links/{id}/ 200',
      'get /api/links/{id}/ 404',
      'patch /api/links/{id}/ 200',
      'patch /api/links/{id}/ 400',
      'delete /api/links/{id}/ 204',
      'delete /api/links/{id}/ 404',
      'get /api/employment-records/ 200',
      'get /api/employment-records/ 401',
      'post /api/employment-records/ 200',
      'post /api/employment-records/ 201',
      'post /api/employment-records/ 202',
      'post /api/employment-records/ 400',
      'post /api/employment-records/ 408',
      'get /api/employment-records/{id}/ 200',
      'get /api/employment-records/{id}/ 404',
      'delete /api/employment-records/{id}/ 204',
      'get /api/owners/ 200',
      'post /api/owners/ 200',
      'post /api/owners/ 201',
      'get /api/owners/{id}/ 200',
    ])
      assert.ok(validator!.checked.has(key), `${key} was not checked`);
  });
});
