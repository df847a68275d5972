/// <reference lib="dom" />
/**
 * The Event Studio page: a live list of orders (server-sent events), one order's waterfall with
 * every rule's verdict and every delivery attempt, each step's payload, log lines and execution
 * history, replay, and the pattern sandbox. Bundled by the emulator with esbuild on first request.
 */
import type { TraceNode, TraceSummary } from '../../core/trace/trace-store';

/** The list's entries, as the trace store keeps them (a type only: nothing of the store reaches the page). */
type Summary = TraceSummary;

type Node = TraceNode;

const PAGE = 50;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = (tag: string, attrs: Record<string, string> = {}, text?: string) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};
const short = (id = '') => (id.length > 13 ? `${id.slice(0, 8)}…` : id);
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

let offset = 0;
let selected: string | undefined;
let refreshQueued = false;

async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

/** The AWS JSON API of the emulator, called from the page as any SDK would (any credentials do). */
async function aws<T>(target: string, input: unknown): Promise<T> {
  const res = await fetch('/', { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body: JSON.stringify(input) });
  const body = (await res.json()) as T & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `${target} answered ${res.status}`);
  return body;
}

// ---------------------------------------------------------------------------------------------
// The list: one page of traces at a time (10,000 orders stay quick), refreshed live.
// ---------------------------------------------------------------------------------------------

async function loadList(): Promise<void> {
  const q = $<HTMLInputElement>('search').value.trim();
  const { body } = await getJson<{ total: number; offset: number; evicted: number; orders: Summary[] }>(
    `/_testbed/studio/orders?offset=${offset}&limit=${PAGE}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
  );
  const list = $('orders');
  list.replaceChildren(...body.orders.map(orderItem));
  $('count').textContent = `${body.total} order${body.total === 1 ? '' : 's'}${q ? ` matching "${q}"` : ''}${body.evicted ? ` · ${body.evicted} records evicted` : ''}`;
  $('page').textContent = body.total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, body.total)} of ${body.total}`;
  $<HTMLButtonElement>('prev').disabled = offset === 0;
  $<HTMLButtonElement>('next').disabled = offset + PAGE >= body.total;
}

function orderItem(s: Summary): HTMLElement {
  const li = el('li', { 'data-trace': s.traceId });
  if (s.traceId === selected) li.classList.add('selected');
  li.append(el('div', { class: 'id' }, s.orderIds[0] ?? s.eventIds[0] ?? s.traceId));
  const meta = el('div', { class: 'meta' }, `${clock(s.start)} · ${s.root ?? ''} · ${s.records} steps · rules: ${s.rules.join(', ') || 'none'}`);
  if (s.errors > 0) meta.append(' · ', el('span', { class: 'bad' }, `${s.errors} failed`));
  li.append(meta);
  li.addEventListener('click', () => void openTrace(s.traceId));
  return li;
}

function refreshSoon(): void {
  if (refreshQueued) return;
  refreshQueued = true;
  setTimeout(() => {
    refreshQueued = false;
    void loadList();
  }, 300);
}

function listenLive(): void {
  const source = new EventSource('/_testbed/studio/stream');
  source.addEventListener('open', () => ($('status').textContent = 'live'));
  source.addEventListener('error', () => ($('status').textContent = 'reconnecting…'));
  source.addEventListener('traces', (e) => {
    const { summaries } = JSON.parse((e as MessageEvent).data) as { summaries: Summary[] };
    refreshSoon();
    if (selected && summaries.some((s) => s.traceId === selected)) void openTrace(selected, false);
  });
}

// ---------------------------------------------------------------------------------------------
// One order: the waterfall of its tree.
// ---------------------------------------------------------------------------------------------

let nodes = new Map<string, Node>();

async function openTrace(traceId: string, reset = true): Promise<void> {
  selected = traceId;
  for (const li of document.querySelectorAll('#orders li')) li.classList.toggle('selected', li.getAttribute('data-trace') === traceId);
  const { status, body } = await getJson<{ traces: { summary: Summary; roots: Node[] }[]; message?: string }>(`/_testbed/trace?traceId=${encodeURIComponent(traceId)}`);
  if (status !== 200) {
    $('trace-head').replaceChildren(el('p', { class: 'err' }, body.message ?? `the trace answered ${status}`));
    return;
  }
  const [{ summary, roots }] = body.traces;
  const flat: Array<{ node: Node; depth: number }> = [];
  const walk = (n: Node, depth: number) => {
    flat.push({ node: n, depth });
    n.children.sort((a, b) => a.start - b.start);
    for (const c of n.children) walk(c, depth + 1);
  };
  roots.sort((a, b) => a.start - b.start).forEach((r) => walk(r, 0));
  nodes = new Map(flat.map(({ node }) => [node.id, node]));
  const t0 = Math.min(...flat.map(({ node }) => node.start));
  const t1 = Math.max(...flat.map(({ node }) => node.start + (node.durationMs ?? 0)), t0 + 1);
  const head = el('div');
  head.append(el('h2', {}, `Order ${summary.orderIds.join(', ') || '(none)'}`));
  head.append(el('div', { class: 'hint' }, `trace ${summary.traceId} · ${flat.length} steps · ${Math.round(t1 - t0)} ms · events ${summary.eventIds.map(short).join(', ')}`));
  $('trace-head').replaceChildren(head);
  $('waterfall').replaceChildren(...flat.map(({ node, depth }) => stepRow(node, depth, t0, t1 - t0)));
  if (reset) {
    $('step').replaceChildren();
    $('replay').hidden = true;
  }
}

function stepRow(n: Node, depth: number, t0: number, span: number): HTMLElement {
  const row = el('div', { class: 'row', 'data-step': n.id, 'data-kind': n.kind, 'data-name': n.name });
  const label = el('div', { class: 'label' });
  label.style.paddingLeft = `${depth * 14}px`;
  label.append(el('span', { class: `kind k-${n.kind}` }, KIND_LABEL[n.kind] ?? n.kind), n.name);
  const track = el('div', { class: 'track' });
  const bar = el('div', { class: `bar${n.status === 'error' ? ' error' : ''}` });
  bar.style.left = `${((n.start - t0) / span) * 100}%`;
  bar.style.width = `${((n.durationMs ?? 0) / span) * 100}%`;
  track.append(bar);
  row.append(label, track, outcome(n));
  row.addEventListener('click', () => showStep(n.id));
  return row;
}

const KIND_LABEL: Record<string, string> = {
  'api-request': 'API',
  'lambda-invocation': 'λ',
  'put-events-entry': 'event',
  'rule-evaluation': 'rule',
  'delivery-attempt': 'target',
  'http-exchange': 'HTTP',
  execution: 'workflow',
  'dynamodb-write': 'DynamoDB',
};

/** What the step came to, in words: a rule's verdict and reason, an attempt's status. */
function outcome(n: Node): HTMLElement {
  const ms = n.durationMs === undefined ? '' : ` · ${Math.round(n.durationMs)} ms`;
  switch (n.kind) {
    case 'rule-evaluation':
      return n.matched ? el('div', { class: 'outcome ok' }, '✓ matched') : el('div', { class: 'outcome no', title: String(n.reason ?? '') }, `✗ ${n.reason ?? 'did not match'}`);
    case 'delivery-attempt':
      return el('div', { class: `outcome ${n.status === 'ok' ? 'ok' : 'err'}` }, [n.outcome, n.statusCode, ms.slice(3), n.reason].filter((x) => x !== undefined && x !== '').join(' · '));
    case 'execution':
      return el('div', { class: `outcome ${n.status === 'ok' ? 'ok' : 'err'}` }, `${n.executionStatus} · ${JSON.stringify(n.output)}${ms}`);
    case 'put-events-entry':
      return el('div', { class: `outcome ${n.status === 'ok' ? 'ok' : 'err'}` }, n.status === 'ok' ? `accepted · ${short(n.eventId)}` : String(n.reason ?? 'refused'));
    default:
      return el('div', { class: `outcome ${n.status === 'ok' ? 'ok' : 'err'}` }, `${n.statusCode ?? n.status}${ms}`);
  }
}

/** One step's payload, log lines and execution history, each a section the row links to. */
function showStep(id: string): void {
  const n = nodes.get(id);
  if (!n) return;
  for (const row of document.querySelectorAll('.row')) row.classList.toggle('selected', row.getAttribute('data-step') === id);
  const { children: _children, logLines, history, ...rest } = n;
  const box = el('div');
  box.append(el('h3', {}, `${KIND_LABEL[n.kind] ?? n.kind} ${n.name}`));
  if (n.kind === 'rule-evaluation') {
    box.append(el('p', { class: n.matched ? 'ok' : 'no' }, n.matched ? 'Matched the event.' : `Did not match: ${n.reason}`));
    box.append(el('pre', { 'data-section': 'pattern' }, JSON.stringify(JSON.parse(String(n.pattern)), null, 2)));
  }
  const links = el('div', { class: 'links' });
  box.append(links);
  const section = (name: string, title: string, content: string) => {
    links.append(el('a', { href: `#step-${name}` }, title));
    box.append(el('h4', { id: `step-${name}` }, title), el('pre', { 'data-section': name }, content));
  };
  section('payload', 'payload', JSON.stringify(rest, null, 2));
  if (Array.isArray(logLines)) section('logs', 'log lines', (logLines as string[]).join('\n'));
  if (Array.isArray(history)) section('history', 'execution history', JSON.stringify(history, null, 2));
  if (n.kind === 'put-events-entry' && n.event) {
    const replay = el('button', { type: 'button', id: 'replay-open' }, 'Replay this event…');
    replay.addEventListener('click', () => openReplay(n));
    links.append(replay);
  }
  $('step').replaceChildren(box);
}

// ---------------------------------------------------------------------------------------------
// Replay: PutEvents with the event as it was, or edited; then the new trace.
// ---------------------------------------------------------------------------------------------

function openReplay(n: Node): void {
  const event = n.event as { source: string; 'detail-type': string; detail: unknown; resources: string[] };
  const entry = { Source: event.source, DetailType: event['detail-type'], Detail: event.detail, Resources: event.resources, EventBusName: n.bus };
  $<HTMLTextAreaElement>('replay-entry').value = JSON.stringify(entry, null, 2);
  $('replay-status').textContent = '';
  $('replay').hidden = false;
}

async function sendReplay(): Promise<void> {
  const status = $('replay-status');
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse($<HTMLTextAreaElement>('replay-entry').value) as Record<string, unknown>;
  } catch (err) {
    status.textContent = `Not JSON: ${(err as Error).message}`;
    return;
  }
  if (typeof entry.Detail !== 'string') entry.Detail = JSON.stringify(entry.Detail);
  try {
    const out = await aws<{ Entries: { EventId?: string; ErrorMessage?: string }[] }>('AWSEvents.PutEvents', { Entries: [entry] });
    const eventId = out.Entries[0]?.EventId;
    if (!eventId) {
      status.textContent = `Refused: ${out.Entries[0]?.ErrorMessage}`;
      return;
    }
    status.textContent = `Published ${eventId}; waiting for its trace…`;
    for (let i = 0; i < 50; i++) {
      const { status: code, body } = await getJson<{ traces: { traceId: string }[] }>(`/_testbed/trace?eventId=${eventId}`);
      if (code === 200) {
        status.textContent = `Published ${eventId}.`;
        await openTrace(body.traces[0]!.traceId);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    status.textContent = `Published ${eventId}, but no trace arrived.`;
  } catch (err) {
    status.textContent = (err as Error).message;
  }
}

// ---------------------------------------------------------------------------------------------
// The pattern sandbox, with each rule's pattern beside it.
// ---------------------------------------------------------------------------------------------

async function trySandbox(): Promise<void> {
  const { status, body } = await getJson<{ message?: string; tried: number; matched: number; results: { eventId: string; orderId?: string; detailType?: string; matched: boolean; reason?: string }[] }>(
    '/_testbed/studio/sandbox',
    { method: 'POST', body: JSON.stringify({ pattern: $<HTMLTextAreaElement>('pattern').value }) },
  );
  const rows = $('sandbox-results').querySelector('tbody')!;
  if (status !== 200) {
    $('sandbox-summary').textContent = body.message ?? `answered ${status}`;
    rows.replaceChildren();
    return;
  }
  $('sandbox-summary').textContent = `${body.matched} of ${body.tried} recent events match`;
  rows.replaceChildren(
    ...body.results.map((r) => {
      const tr = el('tr');
      tr.append(el('td', {}, short(r.eventId)), el('td', {}, short(r.orderId)), el('td', {}, r.detailType ?? ''), el('td', { class: r.matched ? 'ok' : 'no' }, r.matched ? '✓ matches' : `✗ ${r.reason}`));
      return tr;
    }),
  );
}

async function loadRules(): Promise<void> {
  const box = $('rules');
  try {
    const { EventBuses } = await aws<{ EventBuses: { Name: string }[] }>('AWSEvents.ListEventBuses', {});
    for (const bus of EventBuses) {
      const { Rules } = await aws<{ Rules: { Name: string; EventPattern?: string; State: string }[] }>('AWSEvents.ListRules', { EventBusName: bus.Name });
      for (const rule of Rules) {
        if (!rule.EventPattern) continue;
        const card = el('div', { class: 'rule', 'data-rule': rule.Name });
        const use = el('button', { type: 'button' }, 'Try this pattern');
        use.addEventListener('click', () => {
          $<HTMLTextAreaElement>('pattern').value = JSON.stringify(JSON.parse(rule.EventPattern!), null, 2);
          void trySandbox();
        });
        card.append(el('strong', {}, `${rule.Name}`), el('span', { class: 'hint' }, ` on ${bus.Name}, ${rule.State} `), use, el('pre', {}, JSON.stringify(JSON.parse(rule.EventPattern), null, 2)));
        box.append(card);
      }
    }
  } catch (err) {
    box.append(el('p', { class: 'err' }, (err as Error).message));
  }
}

// ---------------------------------------------------------------------------------------------

function showTab(name: string): void {
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.getAttribute('data-tab') === name);
  $('timeline').hidden = name !== 'timeline';
  $('sandbox').hidden = name !== 'sandbox';
}

for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => showTab(b.getAttribute('data-tab')!));
$('search').addEventListener('input', () => {
  offset = 0;
  refreshSoon();
});
$('prev').addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE);
  void loadList();
});
$('next').addEventListener('click', () => {
  offset += PAGE;
  void loadList();
});
$('replay-send').addEventListener('click', () => void sendReplay());
$('try').addEventListener('click', () => void trySandbox());
void loadList();
void loadRules();
listenLive();
void openLinkedOrder();

/** `/_testbed/studio?orderId=…` (the scenario report's links) opens that order's newest trace. */
async function openLinkedOrder(): Promise<void> {
  const orderId = new URLSearchParams(location.search).get('orderId');
  if (!orderId) return;
  const { status, body } = await getJson<{ traces: { traceId: string }[]; message?: string }>(`/_testbed/trace?orderId=${encodeURIComponent(orderId)}`);
  if (status === 200) await openTrace(body.traces.at(-1)!.traceId);
  else $('trace-head').replaceChildren(el('p', { class: 'err' }, body.message ?? `no trace of order ${orderId}`));
}
