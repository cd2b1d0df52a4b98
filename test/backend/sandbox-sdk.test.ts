// The sandbox driven by Belvo's official Node SDK (npm `belvo`), as a partner's backend would drive Belvo: the same
// calls must keep working when `BELVO_API_URL` points at Belvo instead.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import belvo from 'belvo';
import exceptions from 'belvo/lib/exceptions.js';
import { IMSS_INSTITUTION } from '../../src/contract/index.js';
import {
  HEX_32,
  receiver,
  SECRET_ID,
  SECRET_PASSWORD,
  startSandbox,
  UUID,
  type StartedSandbox,
} from './sandbox-harness.js';

const { default: Client } = belvo;
const { default: RequestError } = exceptions;

const EMPLOYED = 'GALM900514MDFRPR04';
const TWO_PROFILES = 'SAMC920320MVZNRR04';
const NSS_NOT_FOUND = 'TOVL880909HMCRLS09';
const DAILY_LIMIT = 'JIMA870822HQTMRN05';

async function connectedClient(sandbox: StartedSandbox) {
  const client = new Client(SECRET_ID, SECRET_PASSWORD, sandbox.url);
  await client.connect();
  return client;
}

type Client = Awaited<ReturnType<typeof connectedClient>>;

/** An IMSS link as Belvo's guide creates one: the SDK's `links.register` has no `fetch_resources`, its session does. */
async function registerImssLink(client: Client, curp: string, extra: Record<string, unknown> = {}) {
  const link = (await client.session.post('api/links/', {
    institution: IMSS_INSTITUTION,
    username: curp,
    access_mode: 'single',
    fetch_resources: ['EMPLOYMENT_RECORDS', 'OWNERS'],
    external_id: 'partner-ref-001',
    ...extra,
  })) as Record<string, unknown> & { id: string };
  return link;
}

/** The SDK's RequestError for a call that fails: its status and Belvo's error array. */
async function requestError(call: Promise<unknown>) {
  const error: unknown = await call.then(
    () => assert.fail('expected a RequestError'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof RequestError, String(error));
  const detail = error.detail as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(detail) && detail.length > 0, JSON.stringify(detail));
  for (const item of detail) assert.match(String(item['request_id']), HEX_32);
  return { status: error.statusCode, errors: detail.map(({ request_id: _id, ...rest }) => rest) };
}

async function silently<T>(work: () => Promise<T>): Promise<T> {
  // The SDK prints the failed login's error with console.log; this test expects it, the output need not show it.
  const log = console.log;
  console.log = () => {};
  try {
    return await work();
  } finally {
    console.log = log;
  }
}

describe("belvo sandbox with Belvo's Node SDK", () => {
  test('connect() checks the secret keys at GET /api/', async () => {
    const sandbox = await startSandbox();
    await connectedClient(sandbox);
    const wrong = new Client(SECRET_ID, 'not-the-password', sandbox.url);
    await assert.rejects(
      silently(() => wrong.connect()),
      /Login failed/,
    );
  });

  test('an IMSS link: register with fetch_resources, list and retrieve records and owners, delete', async () => {
    const sandbox = await startSandbox();
    const client = await connectedClient(sandbox);
    const link = await registerImssLink(client, EMPLOYED, {
      credentials_storage: 'nostore',
      stale_in: '30d',
    });
    assert.match(link.id, UUID);
    assert.deepEqual(
      {
        institution: link['institution'],
        access_mode: link['access_mode'],
        status: link['status'],
        external_id: link['external_id'],
        fetch_resources: link['fetch_resources'],
        credentials_storage: link['credentials_storage'],
        stale_in: link['stale_in'],
        refresh_rate: link['refresh_rate'],
      },
      {
        institution: IMSS_INSTITUTION,
        access_mode: 'single',
        status: 'valid',
        external_id: 'partner-ref-001',
        fetch_resources: ['EMPLOYMENT_RECORDS', 'OWNERS'],
        credentials_storage: 'nostore',
        stale_in: '30d',
        refresh_rate: null,
      },
    );
    assert.match(String(link['institution_user_id']), /^[A-Za-z0-9\-_=]{44}$/);

    const webhooks = await receiver.waitFor(link.id, 2);
    assert.equal(webhooks.at(-1)?.body.webhook_type, 'EMPLOYMENT_RECORDS');

    const records = await client.employmentRecords.list({ filters: { link: link.id } });
    assert.equal(records.length, 1);
    const [profile] = records as Array<{ id: string; internal_identification: string; link: string }>;
    assert.equal(profile!.internal_identification, EMPLOYED);
    assert.deepEqual(await client.employmentRecords.detail(profile!.id), profile);

    const owners = (await client.owners.list({ filters: { link: link.id } })) as Array<{ id: string }>;
    assert.equal(owners.length, 1);
    const owner = await client.owners.detail(owners[0]!.id);
    assert.deepEqual(owner['document_id'], { document_type: 'CURP', document_number: EMPLOYED });

    // A new retrieval, with IMSS's PDF: kept, replacing what the link had.
    const retrieved = (await client.employmentRecords.retrieve(link.id, { attachPDF: true })) as Array<{
      id: string;
      files: Array<{ value: string }>;
    }>;
    assert.equal(retrieved.length, 1);
    assert.match(atob(retrieved[0]!.files[0]!.value), /^%PDF-1\.4[\s\S]*%%EOF\n$/);
    const listedAfter = (await client.employmentRecords.list({ filters: { link: link.id } })) as Array<{
      id: string;
    }>;
    assert.deepEqual(
      listedAfter.map((record) => record.id),
      [retrieved[0]!.id],
    );
    // save_data false: the answer only.
    const unsaved = (await client.employmentRecords.retrieve(link.id, { saveData: false })) as Array<{
      id: string;
    }>;
    assert.equal(unsaved.length, 1);
    const listedStill = await client.employmentRecords.list({ filters: { link: link.id } });
    assert.deepEqual(
      listedStill.map((record) => record['id']),
      [retrieved[0]!.id],
    );
    const retrievedOwners = await client.owners.retrieve(link.id);
    assert.equal(retrievedOwners.length, 1);

    assert.deepEqual(
      (await client.links.list({ filters: { external_id: 'partner-ref-001' } })).map(
        (listed) => listed['id'],
      ),
      [link.id],
    );
    assert.equal((await client.links.detail(link.id))['id'], link.id);
    // Credentials not stored: the link cannot become recurrent.
    assert.deepEqual(await requestError(client.links.patch(link.id, { accessMode: 'recurrent' })), {
      status: 400,
      errors: [
        {
          code: 'invalid_access_mode_switch',
          message: "This link doesn't have stored credentials hence it can't be switched to recurrent mode",
        },
      ],
    });

    assert.equal(await client.links.delete(link.id), true);
    assert.deepEqual(await requestError(client.links.detail(link.id)), {
      status: 404,
      errors: [{ code: 'not_found', message: 'Not found' }],
    });
    assert.equal(await client.links.delete(link.id), false);
    assert.deepEqual(await client.employmentRecords.list({ filters: { link: link.id } }), []);
  });

  test("links.register (no fetch_resources: Belvo's default) and links.patch of a link whose credentials are stored", async () => {
    const sandbox = await startSandbox();
    const client = await connectedClient(sandbox);
    const link = (await client.links.register(IMSS_INSTITUTION, EMPLOYED, undefined, {
      accessMode: 'single',
      externalId: 'partner-ref-002',
    })) as { id: string; fetch_resources: string[]; credentials_storage: string };
    assert.deepEqual(link.fetch_resources, ['OWNERS', 'EMPLOYMENT_RECORDS']);
    assert.equal(link.credentials_storage, 'store');
    const patched = await client.links.patch(link.id, { accessMode: 'recurrent' });
    assert.deepEqual([patched['access_mode'], patched['refresh_rate']], ['recurrent', '7d']);
    assert.deepEqual(await requestError(client.links.patch(crypto.randomUUID(), { accessMode: 'single' })), {
      status: 404,
      errors: [{ code: 'not_found', message: 'Not found' }],
    });
  });

  test("an IMSS refusal reaches the SDK as its RequestError with Belvo's error array", async () => {
    const sandbox = await startSandbox();
    const client = await connectedClient(sandbox);
    assert.deepEqual(await requestError(registerImssLink(client, NSS_NOT_FOUND)), {
      status: 400,
      errors: [{ code: 'invalid_credentials', message: 'El NSS no fue localizado en el IMSS' }],
    });
    assert.deepEqual(await requestError(registerImssLink(client, DAILY_LIMIT)), {
      status: 403,
      errors: [
        { code: 'forbidden_by_host', message: 'Has agotado el número de solicitudes permitidas por día.' },
      ],
    });
    assert.deepEqual(await requestError(registerImssLink(client, 'GALM900514MDF')), {
      status: 400,
      errors: [
        { code: 'login_error', message: 'Por favor, ingresa un CURP válido. Debe contener 18 caracteres' },
      ],
    });
    assert.deepEqual(await requestError(client.employmentRecords.retrieve(crypto.randomUUID())), {
      status: 400,
      errors: [{ code: 'does_not_exist', field: 'link', message: 'Object does not exist.' }],
    });
  });

  test('asynchronous retrieval: 202 with a request id, then the webhook carrying it', async () => {
    const sandbox = await startSandbox();
    const client = await connectedClient(sandbox);
    const link = await registerImssLink(client, EMPLOYED);
    await receiver.waitFor(link.id, 2);
    const answer = await client.session.session.post(
      'api/employment-records/',
      { link: link.id },
      { headers: { 'X-Belvo-Request-Mode': 'async' } },
    );
    assert.equal(answer.status, 202);
    const requestId = (answer.data as { request_id: string }).request_id;
    assert.match(requestId, UUID);
    const [, , announced] = await receiver.waitFor(link.id, 3);
    assert.deepEqual(
      {
        type: announced!.body.webhook_type,
        code: announced!.body.webhook_code,
        request: announced!.body.request_id,
        data: announced!.body.data,
      },
      {
        type: 'EMPLOYMENT_RECORDS',
        code: 'historical_update',
        request: requestId,
        data: { total_employment_record_profiles: 1 },
      },
    );
    assert.equal((await client.employmentRecords.list({ filters: { link: link.id } })).length, 1);
  });

  test("the account's records, page by page: next is followed, and the SDK's limit becomes page_size", async () => {
    const sandbox = await startSandbox({ pageSize: 1 });
    const client = await connectedClient(sandbox);
    const links = [await registerImssLink(client, EMPLOYED), await registerImssLink(client, TWO_PROFILES)];
    await Promise.all(links.map((link) => receiver.waitFor(link.id, 2)));
    const all = await client.employmentRecords.list();
    assert.equal(all.length, 3);
    assert.deepEqual(new Set(all.map((record) => record['link'])), new Set(links.map((link) => link.id)));
    const two = await client.employmentRecords.list({ limit: 2 });
    assert.equal(two.length, 2);
    const owners = await client.owners.list({ limit: 1 });
    assert.equal(owners.length, 1);
  });
});
