// Privacy at rest: every sandbox scenario through a proxy on a real Redis, then every key and value in that Redis
// (snapshots taken while sessions are pending, and after), and every message published, searched for a CURP, its
// first ten characters (initials and birth date), an NSS, a name, an employer, a salary or a birth date.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import type { EmploymentSummary } from '../../src/contract/summary.js';
import { createRedisState, type RedisState } from '../../src/proxy/redis.js';
import { sandboxScenarios } from '../../src/sandbox/index.js';
import { startSandboxPair, type SandboxPair } from './proxy-harness.js';
import { TEST_SECRET, testRedis } from './test-state.js';
import { leakFinder } from '../support/leak-finder.js';

const DERIVED_CURPS = ['MOLR850620HDFRPN00', 'AUCJ010101MJCLRNA6'];
const CURPS = [...sandboxScenarios.map((s) => s.curp), ...DERIVED_CURPS];

describe('privacy at rest: what the proxy writes to Redis', () => {
  const prefix = `privacy:${crypto.randomUUID()}:`;
  let state: RedisState;
  let pair: SandboxPair;
  let reader: ReturnType<typeof createClient>;
  let listener: ReturnType<typeof createClient>;
  const summaries: EmploymentSummary[] = [];
  const snapshots: string[][] = [];
  const published: string[] = [];

  /** Every key under the prefix, with its whole value, whatever its type. */
  async function snapshot(): Promise<string[]> {
    const texts: string[] = [];
    for await (const keys of reader.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of keys) {
        texts.push(key);
        const type = await reader.type(key);
        if (type === 'string') texts.push(String(await reader.get(key)));
        else if (type === 'hash') texts.push(JSON.stringify(await reader.hGetAll(key)));
        else if (type === 'list') texts.push(JSON.stringify(await reader.lRange(key, 0, -1)));
        else if (type === 'zset') texts.push(JSON.stringify(await reader.zRangeWithScores(key, 0, -1)));
        else texts.push(`${type}?`);
      }
    }
    return texts;
  }

  before(async () => {
    const url = (await testRedis()).url;
    reader = createClient({ url });
    listener = createClient({ url });
    await Promise.all([reader.connect(), listener.connect()]);
    await listener.pSubscribe(`${prefix}*`, (message, channel) => published.push(`${channel} ${message}`));
    state = createRedisState({ url }, { keyPrefix: prefix });
    await state.ready();
    pair = await startSandboxPair({
      // Long enough for the snapshot taken meanwhile; VAPE's webhook never comes, and it ends at this timeout.
      proxy: { sessionTimeoutMs: 3000, state, secret: TEST_SECRET },
      sandbox: { pageSize: 1 },
    });
    const sessions = await Promise.all(CURPS.map((curp) => pair.proxy.client.start(curp)));
    snapshots.push(await snapshot()); // while every session is pending: the CURPs are in the state, sealed
    await Promise.all(
      sessions.map(async (session) => {
        const outcome = await pair.proxy.client.outcome(session);
        if (outcome.summary) summaries.push(outcome.summary);
      }),
    );
    snapshots.push(await snapshot());
    await pair.proxy.client.create({ curp: CURPS[0], attemptId: 'attempt-privacy-000001' });
    await pair.proxy.client.delete(sessions[0]!);
    snapshots.push(await snapshot());
  });
  after(async () => {
    await pair.close();
    await state.close();
    await Promise.all([reader.close(), listener.close()]);
  });

  function personalStrings(): string[] {
    const strings = new Set<string>();
    for (const curp of CURPS) {
      strings.add(curp);
      strings.add(curp.slice(0, 10));
    }
    for (const summary of summaries) {
      for (const value of [summary.curp, summary.nss, summary.fullName, summary.birthDate])
        if (value) strings.add(value);
      for (const name of summary.fullName?.split(' ') ?? []) if (name.length > 3) strings.add(name);
      for (const job of summary.jobs) {
        strings.add(job.employer);
        if (job.dailySalary !== null && !Number.isInteger(job.dailySalary))
          strings.add(String(job.dailySalary));
      }
      for (const salary of [summary.dailySalary, summary.monthlyIncomeEstimate]) {
        if (salary !== null && !Number.isInteger(salary)) strings.add(String(salary));
      }
    }
    return [...strings];
  }

  test('the scenarios left data to look through', () => {
    assert.ok(summaries.length >= 8, `${summaries.length} summaries`);
    assert.ok(
      snapshots.every((texts) => texts.length > 20),
      snapshots.map((t) => t.length).join(', '),
    );
    assert.ok(
      snapshots[0]!.some((text) => text.includes('curp')),
      'pending sessions keep their CURP (sealed)',
    );
    assert.ok(
      snapshots[1]!.some((text) => text.includes('summary')),
      'ready sessions keep their summary (sealed)',
    );
    assert.ok(published.length > 10, `${published.length} messages`);
  });

  test('a name written in the clear is found, the same letters inside a sealed value are not', () => {
    const found = leakFinder('Juan');
    assert.ok(found('{"fullName":"JUAN PÉREZ"}') && found('{"n":"juan"}') && found('Juan'));
    assert.ok(!found('{"v":"PRzpjuanITAL"}') && !found('{"v":"x-JUAN_y"}'));
    assert.ok(leakFinder('MOLR850620HDFRPN00')('sealedMOLR850620HDFRPN00sealed'));
  });

  test('no key, value or published message holds personal data', () => {
    const everything = [...snapshots.flat(), ...published];
    for (const value of personalStrings()) {
      const found = leakFinder(value);
      for (const text of everything) assert.ok(!found(text), `Redis holds ${value} in ${text.slice(0, 80)}…`);
    }
  });
});
