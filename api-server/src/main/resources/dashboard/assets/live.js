// The campaign's live stream: trades the access token for a one-minute stream token, opens an
// EventSource with it, and reconnects with a fresh token (backing off) whenever the stream fails
// or the server ends it. Reports every event and the connection state to the page.
import { post } from './api.js';

const BEHIND_MS = 10_000; // newest numbers older than this, or no event for this long: "behind"
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 15_000];

export class LiveStream {
  constructor(campaignId, { onUpdate, onState }) {
    this.campaignId = campaignId;
    this.onUpdate = onUpdate;
    this.onState = onState;
    this.source = null;
    this.failures = 0;
    this.closed = false;
    this.lastEventAt = 0;
    this.asOf = null; // server time of the newest row, as epoch ms
    this.skew = 0; // server clock minus ours
    this.connected = false;
    this.ticker = setInterval(() => this.report(), 1_000);
    this.connect();
  }

  async connect() {
    if (this.closed) return;
    try {
      const { token } = await post(`/analytics/campaigns/${this.campaignId}/live-token`);
      if (this.closed) return;
      const source = new EventSource(
        `/analytics/campaigns/${this.campaignId}/live?token=${encodeURIComponent(token)}`);
      this.source = source;
      source.addEventListener('update', (event) => this.received(event, true));
      source.addEventListener('heartbeat', (event) => this.received(event, false));
      source.onerror = () => this.failed();
    } catch {
      this.failed();
    }
  }

  received(event, changed) {
    let body;
    try {
      body = JSON.parse(event.data);
    } catch {
      return;
    }
    const freshness = body.freshness || {};
    this.connected = true;
    this.failures = 0;
    this.lastEventAt = Date.now();
    if (freshness.generated_at) {
      this.skew = Date.parse(freshness.generated_at) - this.lastEventAt;
    }
    this.asOf = freshness.as_of ? Date.parse(freshness.as_of) : null;
    this.report();
    if (changed) this.onUpdate(freshness);
  }

  failed() {
    if (this.source) {
      // EventSource would retry with the same (soon expired) token: reconnect ourselves instead.
      this.source.close();
      this.source = null;
    }
    this.connected = false;
    this.report();
    if (this.closed) return;
    const wait = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)];
    this.failures += 1;
    setTimeout(() => this.connect(), wait);
  }

  /** The state the freshness label shows: connecting, live, behind or disconnected. */
  report() {
    const now = Date.now();
    if (!this.connected) {
      this.onState({ state: this.lastEventAt ? 'disconnected' : 'connecting', lagMs: null });
      return;
    }
    const lagMs = this.asOf === null ? null : Math.max(0, now + this.skew - this.asOf);
    const silent = now - this.lastEventAt > BEHIND_MS;
    const behind = silent || (lagMs !== null && lagMs > BEHIND_MS);
    this.onState({ state: behind ? 'behind' : 'live', lagMs });
  }

  close() {
    this.closed = true;
    clearInterval(this.ticker);
    if (this.source) this.source.close();
  }
}
