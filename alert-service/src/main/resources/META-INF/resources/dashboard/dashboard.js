// The ops dashboard: the same JSON API and JWT roles as any client, plus the live incident stream.
const TOKEN_KEY = "termsguard.token";
const $ = (selector) => document.querySelector(selector);

const state = {
  token: null,
  incidents: new Map(),
  fresh: new Set(),
  selected: null,
  charts: {},
};

// ---------------------------------------------------------------- API

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${state.token}`, ...(options.headers || {}) };
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    signOut("The token was refused (expired or not valid here); sign in again.");
    throw new Error("not signed in");
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) {
      // Not problem+json: the status line says enough.
    }
    throw new Error(detail);
  }
  return response;
}

const json = async (path, options) => (await api(path, options)).json();

// ---------------------------------------------------------------- sign-in

function claims(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch (e) {
    return null;
  }
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  $("#sign-in-error").textContent = message || "";
  $("#sign-out").hidden = true;
  $("#who").textContent = "";
  if (!$("#sign-in").open) {
    $("#sign-in").showModal();
  }
}

async function start() {
  const session = await (await fetch("/dashboard/session")).json();
  state.token = session.loginFree ? session.token : sessionStorage.getItem(TOKEN_KEY);
  $("#sign-in-form").addEventListener("submit", (event) => {
    const token = $("#token").value.trim();
    if (!claims(token)) {
      event.preventDefault();
      $("#sign-in-error").textContent = "That is not a JWT (three dot-separated parts).";
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    state.token = token;
    begin();
  });
  $("#sign-out").addEventListener("click", () => signOut());
  if (state.token) {
    begin();
  } else {
    $("#sign-in").showModal();
  }
}

async function begin() {
  const who = claims(state.token) || {};
  $("#who").textContent = `${who.upn || who.sub || "signed in"} · ${(who.groups || []).join(", ")}`;
  $("#sign-out").hidden = false;
  wireControls();
  try {
    await loadIncidents();
  } catch (e) {
    announce(`Incidents could not be loaded: ${e.message}`);
    return;
  }
  follow();
  loadUsage();
}

// ---------------------------------------------------------------- incidents

async function loadIncidents() {
  const page = await json("/v1/incidents?limit=500");
  state.incidents.clear();
  page.incidents.forEach((incident) => state.incidents.set(incident.incidentId, incident));
  render();
}

function upsert(incident, fresh) {
  const known = state.incidents.has(incident.incidentId);
  state.incidents.set(incident.incidentId, incident);
  if (fresh) {
    state.fresh.add(incident.incidentId);
    announce(`${known ? "Updated" : "New"} incident: ${incident.consumer} — ${incident.rule}, ${incident.status}`);
  }
  render();
  if (state.selected === incident.incidentId) {
    showFacts(incident);
  }
}

function filters() {
  const form = new FormData($("#filters"));
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).trim().toLowerCase()]));
}

function matches(incident, f) {
  return (!f.owner || incident.owner === f.owner)
    && (!f.status || incident.status === f.status)
    && (!f.severity || incident.severity === f.severity)
    && (!f.rule || incident.rule === f.rule)
    && (!f.consumer || (incident.consumer || "").toLowerCase().includes(f.consumer));
}

function render() {
  const all = [...state.incidents.values()];
  fillOptions($("#filters select[name=owner]"), all.map((i) => i.owner));
  fillOptions($("#filters select[name=rule]"), all.map((i) => i.rule));
  fillOptions($("#usage-owner"), all.map((i) => i.owner).concat(claims(state.token)?.owners || []), false);
  const f = filters();
  const shown = all.filter((i) => matches(i, f)).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));

  const tbody = $("#incident-table tbody");
  tbody.replaceChildren(...shown.map(row));
  $("#empty").hidden = shown.length > 0;
  for (const status of ["open", "acknowledged", "resolved"]) {
    $(`#count-${status}`).textContent = shown.filter((i) => i.status === status).length;
  }
  $("#count-fees").textContent = fees(shown.filter((i) => i.status !== "resolved")) || "–";
  state.fresh.clear();
}

function row(incident) {
  const tr = document.createElement("tr");
  tr.dataset.incidentId = incident.incidentId;
  tr.dataset.consumer = incident.consumer;
  if (state.fresh.has(incident.incidentId)) tr.classList.add("fresh");
  if (state.selected === incident.incidentId) tr.classList.add("selected");
  const open = document.createElement("button");
  open.type = "button";
  open.className = "link";
  open.textContent = incident.consumer;
  open.setAttribute("aria-label", `Open incident: ${incident.consumer}, ${incident.rule}, ${incident.owner}`);
  open.addEventListener("click", () => select(incident.incidentId));
  const cells = [
    badge(incident.severity),
    open,
    incident.owner,
    incident.rule,
    incident.status,
    number(incident.violations),
    number(incident.records),
    money(incident.estimatedFee),
    when(incident.lastSeen).replace(/:\d\d UTC$/, ""),
  ];
  const fields = ["severity", "consumer", "owner", "rule", "status", "violations", "records", "fee", "lastSeen"];
  cells.forEach((content, index) => {
    const td = document.createElement("td");
    td.dataset.field = fields[index];
    if (index >= 5 && index <= 7) td.className = "num";
    td.append(content);
    tr.append(td);
  });
  return tr;
}

function fillOptions(select, values, keepAll = true) {
  const current = select.value;
  const distinct = [...new Set(values.filter(Boolean))].sort();
  const options = (keepAll ? [["", "all"]] : []).concat(distinct.map((v) => [v, v]));
  if (select.options.length === options.length && [...select.options].every((o, i) => o.value === options[i][0])) {
    return;
  }
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
  select.value = distinct.includes(current) || (keepAll && current === "") ? current : select.options[0]?.value ?? "";
}

// ---------------------------------------------------------------- live stream

// EventSource cannot send an Authorization header, so the stream is read with fetch and split into SSE events.
async function follow() {
  let wait = 1000;
  for (;;) {
    try {
      const response = await api("/v1/incidents/stream", { headers: { Accept: "text/event-stream" } });
      setLive("on", "Live");
      wait = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
          const data = block.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
          // Only unnamed events are incidents; the stream's last one ("end") says why it closes (token expiry).
          if (data && !/^event:/m.test(block)) upsert(JSON.parse(data), true);
        }
      }
    } catch (e) {
      if (!state.token) return;
    }
    setLive("retry", `Reconnecting in ${wait / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 15000);
    // Whatever changed while the stream was down.
    await loadIncidents().catch(() => {});
  }
}

function setLive(stateName, text) {
  $("#live").dataset.state = stateName;
  $("#live").textContent = text;
}

function announce(text) {
  $("#announce").textContent = text;
}

// ---------------------------------------------------------------- detail

async function select(id) {
  state.selected = id;
  render();
  const section = $("#detail");
  section.hidden = false;
  const detail = await json(`/v1/incidents/${encodeURIComponent(id)}`);
  showFacts(detail.incident, detail);
  $("#detail-title").focus?.();
  const [evidence, notice] = await Promise.all([
    allEvidence(id),
    api(`/v1/incidents/${encodeURIComponent(id)}/notice`, { headers: { Accept: "text/html" } }).then((r) => r.text()),
  ]);
  timeline(evidence.events);
  identities(detail, evidence.events);
  $("#notice").srcdoc = notice;
  // Usage follows the incident in view: its owner, in the month it was last seen.
  const incident = state.incidents.get(id);
  $("#usage-owner").value = incident.owner;
  $("#usage-period").value = incident.lastSeen.slice(0, 7);
  loadUsage();
}

function showFacts(incident, detail) {
  $("#detail-title").textContent = `${incident.consumer} · ${incident.rule}`;
  const facts = [
    ["Owner", incident.owner],
    ["Severity", incident.severity],
    ["Status", incident.status],
    ["First seen", when(incident.firstSeen)],
    ["Last seen", when(incident.lastSeen)],
    ["Violations", number(incident.violations)],
    ["Events", number(incident.events)],
    ["Records", number(incident.records)],
    ["Estimated fee", money(incident.estimatedFee)],
  ];
  if (detail?.acknowledgedBy) facts.push(["Acknowledged", `${when(detail.acknowledgedAt)} by ${detail.acknowledgedBy}`]);
  if (detail?.resolvedBy) facts.push(["Resolved", `${when(detail.resolvedAt)} by ${detail.resolvedBy}`]);
  if (detail?.silenced) facts.push(["Silenced", "yes"]);
  if (detail?.identities) facts.push(["Identity", identityStatement(detail.identities, detail.verdicts)]);
  if (detail?.verdicts) facts.push(["Verdicts", Object.entries(detail.verdicts).map(([v, n]) => `${v} ${number(n)}`).join(" · ")]);
  if (detail?.evidenceDigest) facts.push(["Evidence digest", detail.evidenceDigest]);
  $("#detail-facts").replaceChildren(...facts.flatMap(([k, v]) => {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.dataset.field = k.toLowerCase().replace(/ /g, "-");
    dd.textContent = v;
    return [dt, dd];
  }));
  $("#ack").disabled = incident.status !== "open";
  $("#resolve").disabled = incident.status === "resolved";
}

async function act(verb) {
  const id = state.selected;
  try {
    const detail = await json(`/v1/incidents/${encodeURIComponent(id)}/${verb}`, { method: "POST" });
    state.incidents.set(id, detail.incident);
    render();
    showFacts(detail.incident, detail);
    announce(`Incident ${detail.incident.status}.`);
  } catch (e) {
    announce(`Could not ${verb}: ${e.message}`);
  }
}

// The export comes a page at a time (next → after); the dashboard joins the pages into one document.
async function allEvidence(id) {
  const base = `/v1/incidents/${encodeURIComponent(id)}/evidence?limit=10000`;
  let page = await json(base);
  const events = [...page.events];
  while (page.next) {
    page = await json(`${base}&after=${encodeURIComponent(page.next)}`);
    events.push(...page.events);
  }
  return { ...page, events, next: undefined };
}

async function downloadEvidence() {
  const id = state.selected;
  const evidence = await allEvidence(id);
  const blob = new Blob([JSON.stringify(evidence, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `termsguard-evidence-${id}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function silence(event) {
  event.preventDefault();
  const incident = state.incidents.get(state.selected);
  const form = new FormData(event.target);
  const matchers = ["owner", "consumer", "rule"]
    .filter((name) => form.get(name))
    .map((name) => ({ name, value: incident[name], isRegex: false }));
  const now = new Date();
  const body = {
    matchers,
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + Number(form.get("hours")) * 3600_000).toISOString(),
    comment: form.get("comment"),
  };
  try {
    const created = await json("/v1/silences", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    $("#silence-result").textContent = `Silenced until ${when(created.endsAt)}.`;
  } catch (e) {
    $("#silence-result").textContent = `Not silenced: ${e.message}`;
  }
}

// ---------------------------------------------------------------- charts

// As the notice words it: the incident's identity is verified only when every event's is.
function identityStatement(counts, verdicts = {}) {
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const verified = counts.verified || 0;
  const base = all > 0 && verified === all ? "verified for every event"
    : verified > 0 ? `verified for ${number(verified)} of ${number(all)} events; the others rest on what the requests claimed`
    : "not verified: it rests on what the requests claimed";
  return verdicts.contradicted
    ? `${base}; ${number(verdicts.contradicted)} event(s) claimed a crawler whose operator's published addresses, names or keys contradict the claim`
    : base;
}

// Each event's verdict and what it rests on (the list version and its hash, the DNS name, the signature's key), as
// ingest wrote it into evidence.verification; the first 50 events of the chain.
function identities(detail, events) {
  const shown = events.slice(0, 50);
  $("#identity-summary").textContent = shown.length < events.length
    ? `The first ${shown.length} of ${number(events.length)} events.`
    : "";
  $("#identity-table tbody").replaceChildren(...shown.map((link) => {
    const evidence = JSON.parse(link.canonicalJson).evidence || {};
    const verification = evidence.verification;
    const tr = document.createElement("tr");
    tr.dataset.verdict = verification?.verdict || "none";
    const basis = verification?.basis;
    const cells = [
      when(link.observedAt),
      evidence.clientIp || "—",
      verification ? `${verification.verdict}${verification.operator ? ` (${verification.operator})` : ""}` : evidence.identity || "claimed",
      basis ? basisText(basis) : (verification?.reasons || []).join("; ") || "—",
    ];
    const fields = ["observed", "client", "verdict", "basis"];
    tr.replaceChildren(...cells.map((text, i) => {
      const td = document.createElement("td");
      td.dataset.field = fields[i];
      td.textContent = text;
      return td;
    }));
    // The user agent is long and the same for most events; it is in the notice, and here on hover.
    if (evidence.userAgent) tr.cells[1].title = evidence.userAgent;
    if (basis) tr.title = (verification.reasons || []).join("\n");
    return tr;
  }));
}

function basisText(basis) {
  return [
    `${basis.sourceId} (${basis.method})`,
    basis.snapshotVersion != null ? `version ${basis.snapshotVersion}` : null,
    basis.validFrom ? `in force from ${when(basis.validFrom)}` : null,
    basis.matched ? `matched ${basis.matched}` : null,
    basis.snapshotSha256 ? `SHA-256 ${basis.snapshotSha256.slice(0, 12)}…` : null,
  ].filter(Boolean).join(", ");
}

function chart(id) {
  if (!state.charts[id]) {
    state.charts[id] = echarts.init(document.getElementById(id));
    addEventListener("resize", () => state.charts[id].resize());
  }
  return state.charts[id];
}

function timeline(events) {
  const perHour = new Map();
  for (const event of events) {
    const hour = event.observedAt.slice(0, 13) + ":00";
    perHour.set(hour, (perHour.get(hour) || 0) + 1);
  }
  const hours = [...perHour.keys()].sort();
  chart("timeline").setOption({
    aria: { enabled: true },
    grid: { left: 40, right: 10, top: 10, bottom: 40 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: hours.map((h) => h.replace("T", " ") + " UTC") },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", name: "violations", data: hours.map((h) => perHour.get(h)), itemStyle: { color: "#0b5cad" } }],
  }, true);
}

async function loadUsage() {
  const owner = $("#usage-owner").value;
  if (!owner) return;
  const period = $("#usage-period").value || latestMonth(owner);
  $("#usage-period").value = period;
  $("#usage-error").textContent = "";
  let usage;
  try {
    usage = await json(`/dashboard/usage/${encodeURIComponent(owner)}?period=${encodeURIComponent(period)}`);
  } catch (e) {
    $("#usage-error").textContent = `Usage unavailable: ${e.message}`;
    return;
  }
  const licensed = usage.licensees.filter((l) => l.licenseId && l.quota);
  $("#quota-empty").hidden = licensed.length > 0;
  chart("quota-chart").setOption({
    aria: { enabled: true },
    grid: { left: 8, right: 24, top: 10, bottom: 30, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { bottom: 0 },
    xAxis: { type: "value", axisLabel: { formatter: compact } },
    yAxis: { type: "category", data: licensed.map((l) => `${l.consumer} (${l.licenseId})`) },
    series: [
      { type: "bar", name: "used", data: licensed.map((l) => l.recordsUsed), itemStyle: { color: "#0b5cad" } },
      { type: "bar", name: "quota", data: licensed.map((l) => l.quota), itemStyle: { color: "#d0d7de" } },
    ],
  }, true);
  const unlicensed = usage.licensees.filter((l) => !l.licenseId)
    .sort((a, b) => b.recordsUsed - a.recordsUsed).slice(0, 10).reverse();
  $("#unlicensed-empty").hidden = unlicensed.length > 0;
  chart("unlicensed-chart").setOption({
    aria: { enabled: true },
    grid: { left: 8, right: 24, top: 10, bottom: 30, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", axisLabel: { formatter: compact } },
    yAxis: { type: "category", data: unlicensed.map((l) => l.consumer) },
    series: [{ type: "bar", name: "records without a license", data: unlicensed.map((l) => l.recordsUsed), itemStyle: { color: "#a40e26" } }],
  }, true);
}

/** The month of the owner's latest incident: the demo's data lies in 2023, a live system's in this month. */
function latestMonth(owner) {
  const seen = [...state.incidents.values()].filter((i) => i.owner === owner).map((i) => i.lastSeen).sort();
  return (seen.at(-1) || new Date().toISOString()).slice(0, 7);
}

// ---------------------------------------------------------------- wiring and formatting

let wired = false;
function wireControls() {
  if (wired) return;
  wired = true;
  $("#filters").addEventListener("input", render);
  $("#filters").addEventListener("submit", (e) => e.preventDefault());
  $("#ack").addEventListener("click", () => act("ack"));
  $("#resolve").addEventListener("click", () => act("resolve"));
  $("#evidence").addEventListener("click", downloadEvidence);
  $("#silence").addEventListener("submit", silence);
  $("#usage-owner").addEventListener("change", () => {
    $("#usage-period").value = latestMonth($("#usage-owner").value);
    loadUsage();
  });
  $("#usage-period").addEventListener("change", loadUsage);
  $("#usage-form").addEventListener("submit", (e) => { e.preventDefault(); loadUsage(); });
}

function badge(severity) {
  const span = document.createElement("span");
  span.className = `badge ${severity}`;
  span.textContent = severity;
  return span;
}

const compact = (n) => new Intl.NumberFormat("en", { notation: "compact" }).format(n);
const number = (n) => (n == null ? "–" : Number(n).toLocaleString("en"));
const when = (iso) => (iso ? iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC") : "–");

function money(fee) {
  if (!fee || fee.amount == null) return "–";
  return new Intl.NumberFormat("en", { style: "currency", currency: fee.currency }).format(Number(fee.amount));
}

function fees(incidents) {
  const totals = new Map();
  for (const i of incidents) {
    if (i.estimatedFee?.amount != null) {
      totals.set(i.estimatedFee.currency, (totals.get(i.estimatedFee.currency) || 0) + Number(i.estimatedFee.amount));
    }
  }
  return [...totals].map(([currency, amount]) => money({ amount, currency })).join(" + ");
}

start();
