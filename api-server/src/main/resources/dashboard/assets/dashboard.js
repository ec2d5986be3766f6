// The brand dashboard: sign in, pick a campaign, then tiles, a per-minute chart, the influencer
// leaderboard and the latest AI insights, refetched whenever the live stream says the campaign's
// numbers changed. Plain ES modules, no build step; uPlot is served from the api-server's jar.
import uPlot from './uPlot.esm.js';
import * as api from './api.js';
import { ago, count, money, rate } from './format.js';
import { LiveStream } from './live.js';

const $ = (id) => document.getElementById(id);

let live = null;
let chart = null;
let campaign = null;
let refetching = null;
let again = false;

function show(element, visible) {
  element.hidden = !visible;
}

function text(id, value) {
  const element = $(id);
  if (element.textContent !== value) {
    element.textContent = value;
    element.classList.remove('changed');
    void element.offsetWidth; // restart the highlight animation
    element.classList.add('changed');
  }
}

// ---- sign-in ----------------------------------------------------------------------------------

async function onSignIn(event) {
  event.preventDefault();
  const error = $('sign-in-error');
  show(error, false);
  const button = $('sign-in-button');
  button.disabled = true;
  try {
    const user = await api.signIn($('email').value.trim(), $('password').value);
    if (user.role !== 'BRAND') {
      api.signOut();
      throw new Error('This dashboard is for brand accounts.');
    }
    $('password').value = '';
    await start();
  } catch (e) {
    error.textContent = e.status === 401 ? 'E-mail or password is wrong.' : e.message;
    show(error, true);
  } finally {
    button.disabled = false;
  }
}

function signOut() {
  if (live) live.close();
  live = null;
  api.signOut();
  show($('dashboard'), false);
  show($('campaign-picker'), false);
  show($('freshness'), false);
  show($('sign-out'), false);
  show($('sign-in'), true);
  $('email').focus();
}

// ---- campaigns --------------------------------------------------------------------------------

async function start() {
  show($('sign-in'), false);
  show($('dashboard'), true);
  show($('sign-out'), true);
  const page = await api.get('/brands/campaigns?limit=100');
  const campaigns = page.campaigns || [];
  const select = $('campaign');
  select.replaceChildren(
    ...campaigns.map((c) => {
      const option = document.createElement('option');
      option.value = c.id;
      option.textContent = `${c.name} (${c.status.toLowerCase()})`;
      return option;
    }));
  show($('campaign-picker'), campaigns.length > 0);
  show($('empty'), campaigns.length === 0);
  if (campaigns.length === 0) return;
  const wanted = new URLSearchParams(location.hash.slice(1)).get('campaign');
  const chosen = campaigns.find((c) => c.id === wanted) || campaigns[0];
  select.value = chosen.id;
  select.onchange = () => open(campaigns.find((c) => c.id === select.value));
  open(chosen);
}

function open(chosen) {
  campaign = chosen;
  history.replaceState(null, '', `#campaign=${chosen.id}`);
  $('campaign-title').textContent = chosen.name;
  const dates = [chosen.startsAt, chosen.endsAt].filter(Boolean)
    .map((d) => new Date(d).toLocaleDateString()).join(' – ');
  $('campaign-meta').textContent = [chosen.status.toLowerCase(), chosen.currency, dates]
    .filter(Boolean).join(' · ');
  if (live) live.close();
  show($('freshness'), true);
  live = new LiveStream(chosen.id, { onUpdate: refetch, onState: freshness });
  refetch();
  insights();
}

// ---- numbers ----------------------------------------------------------------------------------

/** Refetches the figures; calls that arrive while one runs fold into one more round. */
async function refetch() {
  if (refetching) {
    again = true;
    return;
  }
  const id = campaign.id;
  refetching = Promise.allSettled([
    api.get(`/analytics/campaigns/${id}/summary`).then(tiles),
    api.get(`/analytics/campaigns/${id}/timeseries?bucket=minute`).then(series),
    api.get(`/analytics/campaigns/${id}/leaderboard?by=revenue&limit=10`).then(leaderboard),
  ]);
  await refetching;
  refetching = null;
  if (again) {
    again = false;
    refetch();
  }
}

function tiles(summary) {
  if (summary.campaign_id !== campaign.id) return;
  const t = summary.totals || {};
  const currency = summary.currency || campaign.currency;
  text('tile-clicks', count(t.clicks));
  text('tile-uniques', count(t.unique_visitors));
  text('tile-conversions', count(t.conversions));
  text('tile-revenue', money(t.revenue_minor, currency));
  text('tile-commission', money(t.commission_minor, currency));
  text('tile-engagement', rate(t.engagement_rate));
}

function series(timeseries) {
  if (timeseries.campaign_id !== campaign.id) return;
  const points = timeseries.points || [];
  show($('chart-empty'), points.length === 0);
  const data = [
    points.map((p) => Date.parse(p.t) / 1000),
    points.map((p) => p.clicks),
    points.map((p) => p.conversions),
  ];
  const element = $('chart');
  if (!chart) {
    chart = new uPlot(
      {
        width: element.clientWidth || 600,
        height: 260,
        cursor: { drag: { x: false, y: false } },
        // Counts start at zero on both axes: auto-ranged from their own minimum, two series with
        // the same shape would be drawn on top of each other.
        scales: {
          y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] },
          conv: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] },
        },
        series: [
          {},
          { label: 'Clicks', stroke: '#2f5bd3', fill: 'rgba(47, 91, 211, 0.08)', width: 2 },
          { label: 'Conversions', stroke: '#0f7b5f', width: 2, scale: 'conv' },
        ],
        axes: [{}, { label: 'Clicks' }, { side: 1, scale: 'conv', label: 'Conversions', grid: { show: false } }],
      },
      data,
      element);
    new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: 260 }))
      .observe(element);
  } else {
    chart.setData(data);
  }
  // A minute or two of data would stretch the time axis over years: show at least half an hour.
  const times = data[0];
  if (times.length > 0 && times[times.length - 1] - times[0] < 1800) {
    const last = times[times.length - 1];
    chart.setScale('x', { min: last - 1800, max: last + 60 });
  }
}

function leaderboard(board) {
  if (board.campaign_id !== campaign.id) return;
  const rows = board.rows || [];
  const currency = board.currency || campaign.currency;
  $('leaderboard').replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement('tr');
      for (const [value, numeric] of [
        [r.rank, false],
        [r.display_name || r.influencer_id, false],
        [count(r.clicks), true],
        [count(r.conversions), true],
        [money(r.revenue_minor, currency), true],
      ]) {
        const td = document.createElement('td');
        td.textContent = value;
        if (numeric) td.className = 'num';
        tr.append(td);
      }
      return tr;
    }));
  show($('leaderboard-empty'), rows.length === 0);
}

async function insights() {
  try {
    const page = await api.get(`/campaigns/${campaign.id}/insights?limit=3`);
    const items = (page.insights || []).slice(0, 3);
    $('insights').replaceChildren(
      ...items.map((insight) => {
        const li = document.createElement('li');
        const summary = document.createElement('p');
        summary.textContent = insight.summary;
        const meta = document.createElement('p');
        meta.className = 'muted small';
        meta.textContent = `${new Date(insight.createdAt).toLocaleString()} · ${insight.kind
          .toLowerCase().replaceAll('_', ' ')}`;
        li.append(summary);
        const suggestions = insight.suggestions || [];
        if (suggestions.length) {
          const ul = document.createElement('ul');
          ul.append(...suggestions.map((s) => {
            const item = document.createElement('li');
            item.textContent = s.text;
            return item;
          }));
          li.append(ul);
        }
        li.append(meta);
        return li;
      }));
    show($('insights-empty'), items.length === 0);
  } catch {
    show($('insights-empty'), true);
  }
}

// ---- freshness --------------------------------------------------------------------------------

const LABELS = {
  connecting: () => 'Connecting…',
  live: (lag) => (lag === null ? 'Live · no data yet' : `Live · as of ${ago(lag)}`),
  behind: (lag) => (lag === null ? 'Stream behind' : `Stream behind · as of ${ago(lag)}`),
  disconnected: () => 'Disconnected · reconnecting…',
};

const ANNOUNCED = {
  connecting: 'Connecting to live updates',
  live: 'Live updates on',
  behind: 'Live updates are behind',
  disconnected: 'Live updates disconnected, reconnecting',
};

function freshness({ state, lagMs }) {
  const label = $('freshness');
  if (label.dataset.state !== state) {
    // Screen readers hear state changes only, not the ticking age.
    $('freshness-announce').textContent = ANNOUNCED[state];
    label.dataset.state = state;
  }
  const value = LABELS[state](lagMs);
  if ($('freshness-text').textContent !== value) $('freshness-text').textContent = value;
}

// ---- start ------------------------------------------------------------------------------------

$('sign-in-form').addEventListener('submit', onSignIn);
$('sign-out').addEventListener('click', signOut);
if (api.signedIn() && api.user().role === 'BRAND') {
  start().catch(signOut);
} else {
  $('email').focus();
}
