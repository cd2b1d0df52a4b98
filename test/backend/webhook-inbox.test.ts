// The webhook inbox: repeats recognised, early webhooks held until their link is known, and both memories bounded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebhookInbox } from '../../src/proxy/webhook-inbox.js';
import { recordsWebhook } from './proxy-harness.js';

describe('WebhookInbox', () => {
  test('keeps at most 10 webhooks per unknown link, the newest', () => {
    const inbox = new WebhookInbox({ retentionMs: 60_000 });
    const linkId = crypto.randomUUID();
    const sent = Array.from({ length: 15 }, (_, i) => recordsWebhook(linkId, i));
    for (const webhook of sent) inbox.park({ ...webhook, webhook_type: 'OWNERS' }, 0);
    const parked = inbox.takeParked(linkId);
    assert.deepEqual(
      parked.map((webhook) => webhook.data['total_employment_record_profiles']),
      [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    );
    assert.deepEqual(inbox.takeParked(linkId), [], 'taken once');
  });

  test('keeps at most maxEntries links, dropping the oldest; forgets webhooks older than the retention', () => {
    const inbox = new WebhookInbox({ retentionMs: 1000, maxEntries: 2 });
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    inbox.park(recordsWebhook(a), 0);
    inbox.park(recordsWebhook(b), 0);
    inbox.park(recordsWebhook(c), 500);
    assert.equal(inbox.takeParked(a).length, 0, 'the oldest link was dropped');
    inbox.prune(1000);
    assert.equal(inbox.takeParked(b).length, 0, 'older than the retention');
    assert.equal(inbox.takeParked(c).length, 1);
  });

  test('recognises a repeated webhook_id; a webhook without one always passes', () => {
    const inbox = new WebhookInbox({ retentionMs: 1000 });
    assert.equal(inbox.firstDelivery('w-1', 0), true);
    assert.equal(inbox.firstDelivery('w-1', 10), false);
    assert.equal(inbox.firstDelivery(null, 10), true);
    assert.equal(inbox.firstDelivery(null, 10), true);
    inbox.prune(1000);
    assert.equal(inbox.firstDelivery('w-1', 1000), true, 'forgotten after the retention');
  });
});
