// End to end, proxy ↔ sandbox over real HTTP on loopback (each on its own port, webhooks really POSTed): every
// scripted scenario through the proxy's public API with long polls, webhooks repeated or early, pagination,
// deletion at Belvo, and a privacy check of everything the proxy logs, prints and puts in URLs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EmploymentSummary } from '../../src/contract/summary.js';
import { sandboxScenarios } from '../../src/sandbox/index.js';
import { formatLogLine } from '../../src/server/log-line.js';
import { createDemoBackend } from '../../src/server/demo-backend.js';
import { eventually, listen, ProxyClient, startSandboxPair, type SandboxPair } from './proxy-harness.js';
import { leakFinder } from '../support/leak-finder.js';

/** VAPE's webhook never comes: a short session timeout ends it quickly; every other scenario ends far sooner. */
const SESSION_TIMEOUT_MS = 1500;
/** Valid CURPs outside the script: the sandbox derives their data from them. */
const DERIVED_CURPS = ['MOLR850620HDFRPN00', 'AUCJ010101MJCLRNA6'];

describe('proxy ↔ sandbox: every scripted scenario', () => {
  let pair: SandboxPair;
  before(async () => {
    pair = await startSandboxPair({ proxy: { sessionTimeoutMs: SESSION_TIMEOUT_MS } });
  });
  after(() => pair.close());

  for (const scenario of sandboxScenarios) {
    test(`${scenario.curp}: ${scenario.outcome} → ${scenario.expect}`, async () => {
      const outcome = await pair.proxy.client.run(scenario.curp);
      if (scenario.expect === 'success') {
        assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
        assert.equal(outcome.summary?.curp, scenario.curp);
      } else {
        assert.equal(outcome.status, 'failed');
        assert.equal(outcome.error?.code, scenario.expect);
      }
    });
  }

  test('the summaries say what the scenarios promise', async () => {
    const summaryOf = async (curp: string) =>
      (await pair.proxy.client.run(curp)).summary as EmploymentSummary;
    const employed = await summaryOf('GALM900514MDFRPR04');
    assert.equal(employed.currentJobs.length, 1);
    assert.ok(employed.monthlyIncomeEstimate! > 0);
    assert.equal((await summaryOf('HEGJ850101HJCRNN06')).jobs.length, 12);
    const unemployed = await summaryOf('PEMA780715HPLRRN03');
    assert.equal(unemployed.currentJobs.length, 0);
    assert.equal(unemployed.monthlyIncomeEstimate, null);
    assert.equal((await summaryOf('SAMC920320MVZNRR04')).jobs.length, 4);
    assert.deepEqual((await summaryOf('SOTM700707MJCTRR08')).jobs, []);
  });

  test('ROSA: the proxy retried the 503 once', () => {
    const rosa = pair.requests.filter((r) => r.method === 'POST' && r.body.includes('ROSA010203MNLDNLA2'));
    assert.deepEqual(
      rosa.map((r) => r.status),
      [503, 201],
    );
  });

  test('IMSS refusals carry IMSS’s own text and are not retryable', async () => {
    const outcome = await pair.proxy.client.run('FIPA911111MOCLRN08');
    assert.deepEqual(
      { ...outcome.error, requestId: undefined, attemptsLeft: undefined },
      {
        code: 'no_nss',
        message: 'La persona no cuenta con NSS',
        retryable: false,
        requestId: undefined,
        attemptsLeft: undefined,
      },
    );
    assert.equal(typeof outcome.error?.attemptsLeft, 'number', 'how many IMSS logins are left today');
    assert.match(outcome.error?.requestId ?? '', /^[0-9a-f]{32}$/);
  });

  test('DELETE forgets the session and deletes the link at the sandbox', async () => {
    const session = await pair.proxy.client.start('GALM900514MDFRPR04');
    await pair.proxy.client.linked(session);
    const linkId = pair.linkIds().at(-1)!;
    assert.equal((await pair.askSandbox(`/api/links/${linkId}/`)).status, 200);
    assert.equal((await pair.proxy.client.delete(session)).status, 204);
    assert.equal((await pair.proxy.client.status(session)).status, 404);
    await eventually(() => pair.requests.some((r) => r.method === 'DELETE' && r.url.includes(linkId)));
    assert.equal((await pair.askSandbox(`/api/links/${linkId}/`)).status, 404);
  });
});

describe('proxy ↔ sandbox: webhooks repeated, early; paginated records', () => {
  test('every webhook delivered twice: one download, the right outcome', async () => {
    const pair = await startSandboxPair({ sandbox: { duplicateWebhooks: true } });
    try {
      const outcome = await pair.proxy.client.run('HEGJ850101HJCRNN06');
      assert.equal(outcome.summary?.jobs.length, 12);
      // The second copies may still be on their way: wait until both have been recognised as repeats.
      const duplicates = () =>
        pair.proxy.logs.filter((e) => e.event === 'webhook' && e.outcome === 'duplicate');
      await eventually(() => duplicates().length === 2);
      assert.deepEqual(
        duplicates()
          .map((e) => e.webhookType)
          .sort(),
        ['EMPLOYMENT_RECORDS', 'OWNERS'],
      );
      const downloads = pair.requests.filter((r) => r.url.includes('/api/employment-records/'));
      assert.equal(downloads.length, 1);
    } finally {
      await pair.close();
    }
  });

  test('webhooks that arrive before the link-creation answer are applied when it comes', async () => {
    const pair = await startSandboxPair({ sandbox: { linkResponseDelayMs: 300 } });
    try {
      const outcome = await pair.proxy.client.run('GALM900514MDFRPR04');
      assert.equal(outcome.status, 'ready');
      const parked = pair.proxy.logs.filter((e) => e.event === 'webhook' && e.outcome === 'parked');
      assert.equal(parked.length, 2, 'both webhooks overtook the answer');
    } finally {
      await pair.close();
    }
  });

  test('one profile per page: every page is followed and every profile summarised', async () => {
    const pair = await startSandboxPair({ sandbox: { pageSize: 1 } });
    try {
      const outcome = await pair.proxy.client.run('SAMC920320MVZNRR04');
      assert.equal(outcome.summary?.jobs.length, 4);
      const pages = pair.requests.filter((r) => r.url.includes('/api/employment-records/'));
      assert.equal(pages.length, 2);
    } finally {
      await pair.close();
    }
  });
});

describe('proxy privacy', () => {
  let pair: SandboxPair;
  const printed: string[] = [];
  const summaries: EmploymentSummary[] = [];
  const sessions: string[] = [];

  before(async () => {
    // Everything this process prints while the scenarios run is captured (and still printed).
    const restore = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => (stream.write = write);
    });
    try {
      // The timeout is what the scenario whose data never comes waits for; long enough for every other one to finish
      // on a loaded machine.
      pair = await startSandboxPair({ proxy: { sessionTimeoutMs: 3000 }, sandbox: { pageSize: 1 } });
      const curps = [...sandboxScenarios.map((s) => s.curp), ...DERIVED_CURPS];
      await Promise.all(
        curps.map(async (curp) => {
          const session = await pair.proxy.client.start(curp);
          sessions.push(session);
          const outcome = await pair.proxy.client.outcome(session);
          if (outcome.summary) summaries.push(outcome.summary);
        }),
      );
      // A withdrawal and rejected requests log too.
      await pair.proxy.client.delete(sessions[0]!);
      await pair.proxy.client.create({ curp: 'GALM900514MDFRPR05' });
    } finally {
      for (const undo of restore) undo();
    }
  });
  after(() => pair.close());

  /** Everything personal the scenarios produced. */
  function personalStrings(): string[] {
    const strings = new Set<string>();
    for (const curp of [...sandboxScenarios.map((s) => s.curp), ...DERIVED_CURPS]) strings.add(curp);
    for (const summary of summaries) {
      for (const value of [summary.curp, summary.nss, summary.fullName]) if (value) strings.add(value);
      for (const name of summary.fullName?.split(' ') ?? []) if (name.length > 3) strings.add(name);
      const salaries = [
        summary.dailySalary,
        summary.monthlyIncomeEstimate,
        ...summary.jobs.map((j) => j.dailySalary),
      ];
      // Whole numbers of 3 digits or fewer would also match durations and statuses: salaries with cents only.
      for (const salary of salaries)
        if (salary !== null && !Number.isInteger(salary)) strings.add(String(salary));
    }
    return [...strings];
  }

  test('the scenarios produced personal data to look for', () => {
    assert.ok(summaries.length >= 8, `${summaries.length} summaries`);
    assert.ok(summaries.some((s) => s.nss && s.fullName && s.dailySalary));
  });

  test('no log line holds a CURP, NSS, name, salary, session handle, link id or secret', () => {
    const secrets = ['test-secret-id', 'test-secret-password', 'test-webhook-token'];
    const forbidden = [...personalStrings(), ...sessions, ...pair.linkIds(), ...secrets];
    assert.ok(pair.proxy.logs.length > 50, `${pair.proxy.logs.length} log entries`);
    const lines = pair.proxy.logs.map((entry) => formatLogLine(entry)); // as `npm start` prints them
    for (const value of forbidden) {
      const found = leakFinder(value);
      for (const line of lines) assert.ok(!found(line), `log line ${line} holds ${value}`);
    }
  });

  test('nothing printed to stdout or stderr holds personal data', () => {
    const output = printed.join('');
    for (const value of personalStrings())
      assert.ok(!leakFinder(value)(output), `printed output holds ${value}`);
  });

  test('no CURP appears in any URL the proxy requested from Belvo; only the link request carries it, in its body', () => {
    const curps = [...sandboxScenarios.map((s) => s.curp), ...DERIVED_CURPS];
    assert.ok(pair.requests.length >= 25, `${pair.requests.length} requests`);
    for (const request of pair.requests) {
      for (const curp of curps) {
        assert.ok(!decodeURIComponent(request.url).includes(curp), `${request.method} ${request.url}`);
        if (!(request.method === 'POST' && new URL(request.url).pathname === '/api/links/')) {
          assert.ok(!request.body.includes(curp));
        }
      }
    }
  });
});

describe('demo backend: proxy + sandbox in one process (npm start, component tests, Storybook)', () => {
  test('serves the proxy at /api/imss, the sandbox answering in-process', async () => {
    const demo = createDemoBackend({ timeScale: 0.01, sessionTimeoutMs: 1000 });
    const server = await listen(demo.fetch);
    try {
      const client = new ProxyClient(`${server.url}${demo.basePath}`);
      const ready = await client.run('SAMC920320MVZNRR04');
      assert.equal(ready.summary?.jobs.length, 4);
      const refused = await client.run('TOVL880909HMCRLS09');
      assert.equal(refused.error?.code, 'nss_not_found');
      assert.equal((await fetch(`${server.url}/elsewhere`)).status, 404);
    } finally {
      demo.dispose();
      await server.close();
    }
  });
});
