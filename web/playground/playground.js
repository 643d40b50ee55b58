// The tonelint playground: a reply (and, optionally, the client's message), linted as you type by
// the WebAssembly engine in a module worker; findings underlined in the text, explained, and
// rewritten with a click; the warmth scorecard; the rules to turn off; everything in the URL's
// fragment, which never leaves the browser.
import { createEngine } from "./engine.js";
import { escape, render, sections } from "./markdown.js";
import { examples } from "./examples.js";

const $ = (id) => document.getElementById(id);
const reply = $("reply");
const client = $("client");
const formatSelect = $("format");
const configBox = $("config");
const backdrop = $("backdrop");
const highlights = $("highlights");
const detail = $("detail");

const FORMATS = ["text", "markdown", "email", "html"];
const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

/** What the options come from, besides the texts. */
const state = {
  format: "text",
  ignore: [],
  select: [],
  config: "",
};

/**
 * What is on screen: the text the findings are for (the current text: results for an older text
 * are shifted onto it as you type, see `remap`), the lint result, and whether it is fresh.
 */
let shown = { text: "", result: null, fresh: false };
/** The finding open in the detail panel (an object of shown.result.findings), and a range to show. */
let active = null;
let focusRange = null;
/** Rules as the configuration defines them (`enabled`: by default), and with the options. */
let defaultRules = [];
let ruleStates = new Map();

const engine = createEngine();
let engineReady = false;
const stats = { lints: 0, dropped: 0, lastMs: 0, shownAt: 0 };
let warmed;
// For the tests and the benchmark: what the page did, nothing else.
window.__playground = {
  stats,
  engine,
  /** True when the findings on screen are the engine's for the text and options as they are. */
  idle: () => !inflight && !queued && engineReady && shown.fresh && shown.text === reply.value,
  /** Resolves to how long the warm-up lint took in the engine (see the start, below). */
  warm: new Promise((resolve) => (warmed = resolve)),
};

// ---------------------------------------------------------------------------------------------
// Options and the URL fragment

function options() {
  const o = { format: state.format };
  const context = client.value;
  if (context.trim()) o.context = context;
  if (state.ignore.length) o.ignore = state.ignore;
  if (state.select.length) o.select = state.select;
  if (state.config.trim()) o.config = state.config;
  return o;
}

function ruleOptions() {
  const o = {};
  if (state.config.trim()) o.config = state.config;
  return o;
}

const list = (s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []);

/** Reads the fragment: `#reply=…&client=…&format=…&ignore=a,b&select=…&config=…`. */
function readFragment() {
  const hash = location.hash.replace(/^#/, "");
  if (!hash) return null;
  const p = new URLSearchParams(hash);
  return {
    reply: p.get("reply") ?? "",
    client: p.get("client") ?? "",
    format: p.get("format") ?? "text",
    ignore: list(p.get("ignore")),
    select: list(p.get("select")),
    config: p.get("config") ?? "",
  };
}

function fragment() {
  const p = new URLSearchParams();
  if (reply.value) p.set("reply", reply.value);
  if (client.value) p.set("client", client.value);
  if (state.format !== "text") p.set("format", state.format);
  if (state.ignore.length) p.set("ignore", state.ignore.join(","));
  if (state.select.length) p.set("select", state.select.join(","));
  if (state.config) p.set("config", state.config);
  const s = p.toString();
  return s ? `#${s}` : "";
}

let fragmentTimer = 0;
/** Keeps the fragment in step (replaceState: no history entry per keystroke, no request). */
function saveFragment(now = false) {
  clearTimeout(fragmentTimer);
  const write = () => {
    const f = fragment();
    if (f !== location.hash && !(f === "" && location.hash === "")) {
      history.replaceState(history.state, "", f || location.pathname + location.search);
    }
  };
  if (now) write();
  else fragmentTimer = setTimeout(write, 250);
}

function restore(s) {
  reply.value = s.reply;
  client.value = s.client;
  state.format = FORMATS.includes(s.format) ? s.format : s.format || "text";
  if (![...formatSelect.options].some((o) => o.value === state.format)) {
    // Shown as an error by the lint; the selector keeps a value it knows.
    const o = document.createElement("option");
    o.value = o.textContent = state.format;
    formatSelect.append(o);
  }
  formatSelect.value = state.format;
  state.ignore = s.ignore;
  state.select = s.select;
  state.config = s.config;
  configBox.value = s.config;
  if (s.config) configBox.closest("details").open = true;
  shown = { text: reply.value, result: null, fresh: false };
  active = null;
  focusRange = null;
}

// ---------------------------------------------------------------------------------------------
// Errors

let noticeTimer = 0;
/** A short message, read out by screen readers, that goes away by itself. */
function notify(message) {
  const n = $("notice");
  n.textContent = message;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (n.textContent = ""), 5000);
}

const errors = new Map();
function setError(kind, message) {
  if (message) errors.set(kind, message);
  else errors.delete(kind);
  const box = $("error");
  if (!errors.size) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  box.hidden = false;
  // The same broken option fails the lint and the rule list alike: say it once.
  box.innerHTML = [...new Set(errors.values())]
    .map((m) => `<div><strong>Cannot lint:</strong> ${escape(m)}</div>`)
    .join("");
}

// ---------------------------------------------------------------------------------------------
// Linting: one request in flight, the latest text queued behind it; a result for a text or
// options that changed meanwhile is dropped (a fresher one is on its way).

let inflight = false;
let queued = false;

function requestLint() {
  queued = true;
  pump();
}

async function pump() {
  if (inflight || !queued || !engineReady) return;
  queued = false;
  inflight = true;
  const text = reply.value;
  const opts = options();
  const key = JSON.stringify(opts);
  try {
    const { result, ms } = await engine.call("lint", { text, options: opts });
    if (text !== reply.value || key !== JSON.stringify(options())) {
      stats.dropped += 1;
    } else {
      stats.lints += 1;
      stats.lastMs = ms;
      stats.shownAt = performance.now();
      setError("lint", null);
      show(text, result, ms);
    }
  } catch (e) {
    if (text === reply.value && key === JSON.stringify(options())) {
      setError("lint", e.message);
      show(text, { findings: [], scorecard: null, scorecards: [] }, 0, true);
    }
  } finally {
    inflight = false;
    pump();
  }
}

const keyOf = (f) => `${f.code}@${f.start}-${f.end}`;

function show(text, result, ms, failed = false) {
  const before = active;
  shown = { text, result, fresh: true, failed };
  // Keep the open finding open when the new result still has it (same rule, same place, or the
  // same words nearby).
  if (before) {
    const fs = result.findings;
    active =
      fs.find((f) => keyOf(f) === keyOf(before)) ??
      fs.find((f) => f.code === before.code && text.slice(f.start, f.end) === before.matched) ??
      null;
  }
  renderAll();
  const n = result.findings.length;
  $("status").textContent = failed
    ? "Not linted"
    : !text.trim()
      ? "Ready"
      : `${n} finding${n === 1 ? "" : "s"} · ${ms.toFixed(1)} ms`;
}

// ---------------------------------------------------------------------------------------------
// As you type: the last result's places shifted onto the new text, so the underlines stay on their
// words until the fresh result comes (a few milliseconds later). What the edit touched is dropped.

/** The change from `a` to `b`: common prefix and suffix lengths. */
function diff(a, b) {
  let p = 0;
  const n = Math.min(a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { p, oldEnd: a.length - s, newEnd: b.length - s, delta: b.length - a.length };
}

/** Shifts a place [start, end) through the change; null when the change touched it. */
function shift(place, d) {
  if (place.end <= d.p && !(place.end === d.p && place.start === place.end && d.oldEnd > d.p)) {
    return { ...place };
  }
  if (place.start >= d.oldEnd) return { ...place, start: place.start + d.delta, end: place.end + d.delta };
  return null;
}

function remap(newText) {
  if (newText === shown.text) return;
  const d = diff(shown.text, newText);
  const r = shown.result;
  if (r) {
    const moved = new Map();
    const findings = [];
    for (const f of r.findings) {
      const g = shift(f, d);
      if (!g) continue;
      const suggestions = [];
      let ok = true;
      for (const s of f.suggestions) {
        const edits = s.edits.map((e) => shift(e, d));
        if (edits.some((e) => !e)) ok = false;
        suggestions.push({ ...s, edits });
      }
      if (!ok) continue;
      g.suggestions = suggestions;
      moved.set(f, g);
      findings.push(g);
    }
    const scorecard = r.scorecard && {
      ...r.scorecard,
      drivers: r.scorecard.drivers.map((x) => shift(x, d) ?? { ...x, start: -1, end: -1 }),
    };
    shown = { text: newText, result: { ...r, findings, scorecard }, fresh: false };
    active = active ? moved.get(active) ?? null : null;
  } else {
    shown = { text: newText, result: null, fresh: false };
  }
  if (focusRange) focusRange = shift(focusRange, d);
}

// ---------------------------------------------------------------------------------------------
// The highlight layer

function renderHighlights() {
  const text = shown.text;
  const fs = shown.result?.findings ?? [];
  const points = new Set([0, text.length]);
  const spans = [];
  fs.forEach((f, i) => {
    const start = Math.max(0, Math.min(f.start, text.length));
    const end = Math.max(start, Math.min(f.end, text.length));
    spans.push({ i, start, end, f });
    points.add(start);
    points.add(end);
  });
  let fr = null;
  if (focusRange && focusRange.start >= 0 && focusRange.end > focusRange.start) {
    fr = { start: Math.min(focusRange.start, text.length), end: Math.min(focusRange.end, text.length) };
    points.add(fr.start);
    points.add(fr.end);
  }
  const cuts = [...points].sort((a, b) => a - b);
  let html = "";
  for (let k = 0; k < cuts.length; k++) {
    const x = cuts[k];
    // Findings of no width (an insertion point): a thin marker.
    for (const s of spans) {
      if (s.start === x && s.end === x) {
        html += `<span class="hl-point sev-${s.f.severity}${s.f === active ? " active" : ""}" data-findings="${s.i}"></span>`;
      }
    }
    if (k === cuts.length - 1) break;
    const y = cuts[k + 1];
    const segment = escape(text.slice(x, y));
    const covering = spans.filter((s) => s.start <= x && s.end >= y && s.end > s.start);
    let out = segment;
    if (covering.length) {
      const top = covering.reduce((a, b) => (SEVERITY_RANK[b.f.severity] > SEVERITY_RANK[a.f.severity] ? b : a));
      const isActive = covering.some((s) => s.f === active);
      out = `<mark class="hl sev-${top.f.severity}${isActive ? " active" : ""}" data-findings="${covering
        .map((s) => s.i)
        .join(" ")}">${segment}</mark>`;
    }
    if (fr && fr.start <= x && fr.end >= y) out = `<span class="hl-focus">${out}</span>`;
    html += out;
  }
  // A zero-width space: a final newline makes a line in the textarea, and must here too.
  setHTML(highlights, html + "\u200b");
  // The scroll position is read and set once the frame is laid out (before it is painted), not
  // here, where reading it would lay the page out on every keystroke.
  scheduleSync();
}

/** Sets an element's HTML when it changed (typing mostly leaves the lists as they were). */
function setHTML(el, html) {
  if (el._html === html) return;
  el._html = html;
  el.innerHTML = html;
}

let syncFrame = 0;
function scheduleSync() {
  if (syncFrame) return;
  syncFrame = requestAnimationFrame(() => {
    syncFrame = 0;
    syncScroll();
  });
}

/** The layer takes the textarea's client box (inside its border, without its scrollbar). */
function syncBox() {
  const w = `${reply.clientWidth}px`;
  const h = `${reply.clientHeight}px`;
  if (backdrop.style.width !== w) backdrop.style.width = w;
  if (backdrop.style.height !== h) backdrop.style.height = h;
  const top = `${reply.offsetTop + reply.clientTop}px`;
  const left = `${reply.offsetLeft + reply.clientLeft}px`;
  if (backdrop.style.top !== top) backdrop.style.top = top;
  if (backdrop.style.left !== left) backdrop.style.left = left;
}

function syncScroll() {
  backdrop.scrollTop = reply.scrollTop;
  backdrop.scrollLeft = reply.scrollLeft;
}

reply.addEventListener("scroll", syncScroll, { passive: true });
// The layer's box follows the textarea's (its scrollbar gutter is always there, so the width only
// changes when the textarea is resized, and that is what this observes).
new ResizeObserver(() => {
  syncBox();
  syncScroll();
}).observe(reply);

/** Scrolls the textarea (not the page) so that the layer's element `el` is in view. */
function revealInEditor(el) {
  if (!el) return;
  const top = el.offsetTop;
  const bottom = top + el.offsetHeight;
  const view = reply.clientHeight;
  if (top < reply.scrollTop + 8 || bottom > reply.scrollTop + view - 8) {
    reply.scrollTop = Math.max(0, top - view / 3);
    syncScroll();
  }
}

// ---------------------------------------------------------------------------------------------
// The findings list, the detail panel, the scorecard

const plural = (n, w) => `${n} ${w}${n === 1 ? "" : "s"}`;

/** Where each line starts, for `lineOf`. */
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line of an offset. */
function lineOf(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function clip(s, n = 90) {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function renderFindings() {
  const ol = $("findings");
  const empty = $("findings-empty");
  const fs = shown.result?.findings ?? [];
  const text = shown.text;
  $("finding-count").textContent = shown.result && !shown.failed && text.trim() ? `(${fs.length})` : "";
  const lines = lineStarts(text);
  setHTML(ol, fs
    .map((f, i) => {
      const words = text.slice(f.start, f.end);
      return `<li data-index="${i}" data-code="${escape(f.code)}" data-start="${f.start}" data-end="${f.end}">
        <button type="button" class="finding" data-index="${i}"${f === active ? ' aria-current="true"' : ""}>
          <span class="sev sev-${f.severity}">${f.severity}</span>
          <span class="finding-quote">${words ? `“${escape(clip(words, 60))}”` : "(here)"}</span>
          <span class="finding-meta"><code>${escape(f.code)}</code> · line ${lineOf(lines, f.start)}</span>
        </button></li>`;
    })
    .join(""));
  if (shown.failed) {
    empty.hidden = false;
    empty.className = "empty";
    empty.textContent = "Nothing linted: see the error above the reply.";
  } else if (!text.trim()) {
    empty.hidden = false;
    empty.className = "empty";
    empty.textContent = "Type or paste a reply to see findings, or load an example.";
  } else if (shown.result && !fs.length && !errors.size) {
    empty.hidden = false;
    empty.className = "empty good";
    empty.textContent = "No findings: nothing in this reply should hurt.";
  } else if (!shown.result) {
    empty.hidden = false;
    empty.className = "empty";
    empty.textContent = engineReady ? "Linting…" : "Loading the linter…";
  } else empty.hidden = true;

  // Safe fixes, all at once.
  const safe = fs.filter((f) => f.suggestions.some((s) => s.applicability === "safe" && s.edits.length)).length;
  const b = $("fix-safe");
  b.disabled = !safe || !shown.fresh;
  b.textContent = safe ? `Apply ${plural(safe, "safe fix")}` : "No safe fixes";
}

function renderScore() {
  const card = shown.text.trim() ? shown.result?.scorecard : null;
  const box = document.querySelector(".warmth");
  const meter = $("meter");
  $("drivers-title").hidden = !card;
  if (!card) {
    $("warmth").textContent = "–";
    $("warmth-label").textContent = "";
    $("formula").textContent = shown.text.trim() ? "" : "A reply with nothing for or against it scores 50.";
    $("meter-fill").style.width = "0";
    meter.setAttribute("aria-valuenow", "0");
    box.className = "warmth";
    setHTML($("drivers"), "");
    setHTML($("counts"), "");
    return;
  }
  const w = card.warmth;
  $("warmth").textContent = String(w);
  const mood = w >= 70 ? "warm" : w >= 40 ? "neutral" : "cold";
  box.className = `warmth ${mood}`;
  $("warmth-label").textContent = { warm: "Warm", neutral: "Neutral", cold: "Cold" }[mood];
  $("meter-fill").style.width = `${w}%`;
  meter.setAttribute("aria-valuenow", String(w));
  meter.setAttribute("aria-valuetext", `${w} out of 100, ${mood}`);
  const sign = (n) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");
  $("formula").textContent = `base ${card.base} · findings ${sign(card.penalty)} · warm cues ${sign(card.bonus)}`;
  const drivers = card.drivers;
  setHTML($("drivers"), drivers.length
    ? drivers
        .map((d, i) => {
          const label = d.kind === "cue" ? `cue: ${d.reason}` : d.reason;
          return `<li><button type="button" data-driver="${i}"${d.start < 0 ? " disabled" : ""}>
            <span class="contrib ${d.contribution < 0 ? "neg" : "pos"}">${sign(d.contribution)}</span>
            <span class="driver-sentence">“${escape(clip(d.sentence, 140))}”</span>
            <span class="driver-reason">${escape(label)}</span></button></li>`;
        })
        .join("")
    : `<li class="empty">No sentence moves it: nothing warm, nothing hurtful.</li>`);
  setHTML($("counts"), Object.entries(card.counts)
    .map(([c, n]) => `<span class="chip${n ? " some" : ""}">${escape(c)} ${n}</span>`)
    .join(""));
}

const explained = new Map();
async function explainRule(code) {
  const key = `${code}\n${state.config}`;
  if (!explained.has(key)) {
    explained.set(
      key,
      engine.call("explain", { code, options: ruleOptions() }).then(
        ({ result }) => result,
        (e) => {
          explained.delete(key);
          throw e;
        },
      ),
    );
  }
  return explained.get(key);
}

/** The changed middle of two strings, whole words, for a before/after view. */
function marked(before, after) {
  const d = diff(before, after);
  // Widen the change to whole words: "As I said, the" → "The", not "As I said, t" → "T".
  const word = /[\p{L}\p{N}'’]/u;
  const w = (c) => c !== undefined && word.test(c);
  if (w(before[d.p]) || w(after[d.p])) while (d.p > 0 && w(before[d.p - 1])) d.p--;
  if (w(before[d.oldEnd - 1]) || w(after[d.newEnd - 1])) {
    while (d.oldEnd < before.length && w(before[d.oldEnd])) {
      d.oldEnd++;
      d.newEnd++;
    }
  }
  return {
    before: `${escape(before.slice(0, d.p))}<del>${escape(before.slice(d.p, d.oldEnd))}</del>${escape(before.slice(d.oldEnd))}`,
    after: `${escape(after.slice(0, d.p))}<ins>${escape(after.slice(d.p, d.newEnd))}</ins>${escape(after.slice(d.newEnd))}`,
  };
}

function suggestionHtml(s, i, f) {
  let body = "";
  if (s.sentence) {
    const m = marked(s.sentence.before.trim(), s.sentence.after.trim());
    body = `<div class="diff">
      <div class="before"><span class="tag">Before</span><span class="text">${m.before}</span></div>
      <div class="after"><span class="tag">After</span><span class="text">${
        s.sentence.after.trim() ? m.after : `<span class="none">(the sentence is removed)</span>`
      }</span></div></div>`;
  } else if (s.edits.length) {
    body = `<div class="diff">${s.edits
      .map((e) => {
        const old = shown.text.slice(e.start, e.end);
        if (!old) return `<div class="after"><span class="tag">Adds</span><span class="text"><ins>${escape(e.replacement.trim())}</ins></span></div>`;
        return `<div class="before"><span class="tag">Before</span><span class="text"><del>${escape(old)}</del></span></div>
          <div class="after"><span class="tag">After</span><span class="text">${
            e.replacement ? `<ins>${escape(e.replacement)}</ins>` : `<span class="none">(removed)</span>`
          }</span></div>`;
      })
      .join("")}</div>`;
  }
  let action = "";
  if (s.edits.length) {
    const label = s.applicability === "safe" ? "Apply fix" : "Apply rewrite";
    action = `<div class="actions"><button type="button" class="button ${i === 0 ? "primary" : ""} apply" data-suggestion="${i}">${label}</button></div>`;
  } else if (s.applicability !== "advice") {
    action = `<div class="actions"><span class="hint">No automatic edit in the ${escape(state.format)} format: rewrite it by hand.</span></div>`;
  }
  return `<li class="suggestion app-${s.applicability}-box">
    <div class="suggestion-title"><span class="app app-${s.applicability}">${s.applicability}</span><span>${escape(s.title)}</span></div>
    ${body}${action}</li>`;
}

function renderDetail() {
  const f = active;
  if (!f) {
    if (!detail.hidden) {
      const hadFocus = detail.contains(document.activeElement);
      detail.hidden = true;
      detail.innerHTML = "";
      detail.dataset.look = "";
      if (hadFocus) reply.focus({ preventScroll: true });
    }
    return;
  }
  const text = shown.text;
  const words = text.slice(f.start, f.end);
  const key = keyOf(f);
  // What the panel shows (typing elsewhere shifts the offsets, not this).
  const look = JSON.stringify([f.code, words, f.message, f.suggestions.map((s) => [s.title, s.sentence, s.edits.length]), lineStarts(text.slice(0, f.start)).length]);
  if (!detail.hidden && detail.dataset.look === look) {
    detail.dataset.key = key;
    return;
  }
  const hadFocus = detail.contains(document.activeElement) ? document.activeElement.dataset.suggestion : null;
  detail.dataset.key = key;
  detail.dataset.look = look;
  detail.className = `card detail sev-${f.severity}`;
  detail.hidden = false;
  const suggestions = f.suggestions;
  detail.innerHTML = `
    <div class="detail-head">
      <span class="sev sev-${f.severity}">${f.severity}</span>
      <h2 id="detail-title">${escape(f.code)}</h2>
      <button type="button" class="button small close" data-close aria-label="Close the finding">Close</button>
    </div>
    <p class="quote">${words ? `<q>${escape(words)}</q>` : "At this point"}<span class="where">line ${lineOf(lineStarts(text), f.start)}</span></p>
    <p class="message">${escape(f.message)}</p>
    ${f.note ? `<p class="hint">${escape(f.note)}</p>` : ""}
    <h3>Why it matters</h3>
    <div class="why" data-why><p class="muted">…</p></div>
    <h3>${suggestions.length === 1 ? "What to do" : "What to do instead"}</h3>
    <ul class="suggestions">${suggestions.map((s, i) => suggestionHtml(s, i, f)).join("")}</ul>
    <details class="about"><summary>More about this rule</summary><div class="doc" data-doc></div></details>`;
  if (hadFocus != null) detail.querySelector(`[data-suggestion="${hadFocus}"]`)?.focus();
  explainRule(f.code).then(
    (md) => {
      if (detail.dataset.look !== look) return;
      const parts = sections(md ?? "");
      const why = parts["Why is this bad?"];
      detail.querySelector("[data-why]").innerHTML = why ? render(why) : `<p class="muted">No explanation for this rule.</p>`;
      const rest = ["What it does", "Example", "Fix safety"]
        .filter((h) => parts[h])
        .map((h) => `## ${h}\n${parts[h]}`)
        .join("\n");
      detail.querySelector("[data-doc]").innerHTML = render(rest);
    },
    (e) => {
      if (detail.dataset.look !== look) return;
      detail.querySelector("[data-why]").innerHTML = `<p class="error">Cannot explain ${escape(f.code)}: ${escape(e.message)}</p>`;
    },
  );
}

function renderAll() {
  renderHighlights();
  renderFindings();
  renderScore();
  renderDetail();
}

/** Opens a finding; `from` says where the click came from (the list moves the focus to it). */
function open(f, from) {
  if (f) f.matched = shown.text.slice(f.start, f.end);
  active = f;
  focusRange = null;
  renderHighlights();
  renderFindings();
  renderDetail();
  if (!f) return;
  revealInEditor(highlights.querySelector("mark.active, .hl-point.active"));
  if (from === "list" || from === "key") {
    detail.scrollIntoView({ block: "nearest", behavior: "smooth" });
    detail.focus({ preventScroll: true });
  } else {
    // From the text: bring the panel up only when it is out of sight (under the reply, in one
    // column), leaving the caret where it is.
    const r = detail.getBoundingClientRect();
    if (r.top > innerHeight - 96 || r.bottom < 0) detail.scrollIntoView({ block: "start", behavior: "smooth" });
  }
}

/** The findings at a caret offset, the narrowest first. */
function findingsAt(pos) {
  const fs = shown.result?.findings ?? [];
  return fs
    .filter((f) => f.start <= pos && pos <= f.end)
    .sort((a, b) => {
      const inside = (f) => (f.start < pos && pos < f.end ? 0 : 1);
      return inside(a) - inside(b) || a.end - a.start - (b.end - b.start) || a.start - b.start;
    });
}

function openAtCaret(from) {
  if (reply.selectionStart !== reply.selectionEnd) return false;
  const here = findingsAt(reply.selectionStart);
  if (!here.length) return false;
  // Clicking again on the same words goes through the findings there.
  const i = here.indexOf(active);
  open(i >= 0 ? here[(i + 1) % here.length] : here[0], from);
  return true;
}

reply.addEventListener("click", () => openAtCaret("text"));
reply.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && e.altKey) {
    e.preventDefault();
    if (!openAtCaret("key")) notify("No finding at the caret");
  }
});

$("findings").addEventListener("click", (e) => {
  const b = e.target.closest("button[data-index]");
  if (!b) return;
  open(shown.result.findings[Number(b.dataset.index)], "list");
});

$("drivers").addEventListener("click", (e) => {
  const b = e.target.closest("button[data-driver]");
  if (!b) return;
  const d = shown.result?.scorecard?.drivers[Number(b.dataset.driver)];
  if (!d || d.start < 0) return;
  const f =
    d.kind === "finding" &&
    shown.result.findings.find((x) => x.code === d.reason && x.start < d.end && x.end > d.start);
  if (f) {
    open(f, "list");
    return;
  }
  active = null;
  focusRange = { start: d.start, end: d.end };
  renderHighlights();
  renderFindings();
  renderDetail();
  revealInEditor(highlights.querySelector(".hl-focus"));
});

detail.addEventListener("click", (e) => {
  if (e.target.closest("[data-close]")) {
    open(null);
    reply.focus({ preventScroll: true });
    return;
  }
  const b = e.target.closest("button[data-suggestion]");
  if (b && active) applySuggestion(active, active.suggestions[Number(b.dataset.suggestion)]);
});
detail.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    open(null);
    reply.focus({ preventScroll: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Applying rewrites

/** `text` with `edits` applied (UTF-16 offsets of `text`, none overlapping), as applyFixes does. */
export function applyEdits(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  }
  return out;
}

let applying = false;

/**
 * Replaces the reply's text with `next`, as one edit of the changed middle (so Ctrl+Z undoes it
 * where the browser allows), the caret after the new words; then lints.
 */
function replaceReply(next) {
  const old = reply.value;
  if (old === next) return;
  applying = true;
  const d = diff(old, next);
  const insert = next.slice(d.p, d.newEnd);
  reply.focus({ preventScroll: true });
  const top = reply.scrollTop;
  reply.setSelectionRange(d.p, d.oldEnd);
  let done = false;
  try {
    done = insert
      ? document.execCommand("insertText", false, insert)
      : d.oldEnd > d.p
        ? document.execCommand("delete")
        : true;
  } catch {
    done = false;
  }
  if (!done || reply.value !== next) {
    reply.value = next;
  }
  applying = false;
  reply.setSelectionRange(d.p + insert.length, d.p + insert.length);
  reply.scrollTop = top;
  onReplyInput();
}

function applySuggestion(f, s) {
  if (!s?.edits.length) return;
  if (shown.text !== reply.value) {
    notify("The text changed; try again in a moment");
    return;
  }
  replaceReply(applyEdits(reply.value, s.edits));
  // Back to the text, where the change is (the detail closes: its finding is gone).
  $("editor").scrollIntoView({ block: "nearest" });
  notify(`Applied: ${s.title}`);
}

$("fix-safe").addEventListener("click", async () => {
  const text = reply.value;
  const opts = options();
  try {
    const { result } = await engine.call("applyFixes", { text, options: opts });
    if (reply.value !== text) return;
    replaceReply(result.text);
    notify(`Applied ${plural(result.fixed.length, "safe fix")}`);
  } catch (e) {
    setError("fix", e.message);
  }
});

// ---------------------------------------------------------------------------------------------
// Input

function onReplyInput() {
  remap(reply.value);
  renderAll();
  saveFragment();
  requestLint();
}

reply.addEventListener("input", () => {
  if (applying) return;
  onReplyInput();
});
client.addEventListener("input", () => {
  saveFragment();
  requestLint();
});
formatSelect.addEventListener("change", () => {
  state.format = formatSelect.value;
  saveFragment();
  requestLint();
});

let configTimer = 0;
configBox.addEventListener("input", () => {
  clearTimeout(configTimer);
  configTimer = setTimeout(() => {
    state.config = configBox.value;
    saveFragment();
    loadRules();
  }, 300);
});

// ---------------------------------------------------------------------------------------------
// Rules: a checkbox per category and per rule, as `ignore` (or, to turn on a rule the
// configuration leaves off, `select`).

async function loadRules() {
  try {
    const base = await engine.call("rules", { options: ruleOptions() });
    defaultRules = base.result;
    setError("rules", null);
  } catch (e) {
    // A broken config: the error says where; the list stays as it was.
    setError("rules", e.message);
  }
  await syncRules();
  requestLint();
}

/** Asks the engine which rules the options enable (it resolves every kind of selector). */
async function syncRules() {
  if (state.ignore.length || state.select.length) {
    try {
      const { result } = await engine.call("rules", {
        options: { ...ruleOptions(), ignore: state.ignore, select: state.select },
      });
      ruleStates = new Map(result.map((r) => [r.code, r.enabled]));
      setError("selectors", null);
    } catch (e) {
      // A broken config or an unknown selector: the error says which; the boxes stay as they were
      // (or, on a first load, show the selectors' rules off where they can tell).
      setError("selectors", e.message);
      if (!ruleStates.size) {
        const off = new Set(state.ignore);
        ruleStates = new Map(defaultRules.map((r) => [r.code, r.enabled && !off.has(r.code) && !off.has(r.category)]));
      }
    }
  } else {
    ruleStates = new Map(defaultRules.map((r) => [r.code, r.enabled]));
    setError("selectors", null);
  }
  renderRules();
}

function categories() {
  const cats = new Map();
  for (const r of defaultRules) {
    if (!cats.has(r.category)) cats.set(r.category, []);
    cats.get(r.category).push(r);
  }
  return cats;
}

function renderRules() {
  const box = $("rules");
  const cats = categories();
  const open = new Set([...box.querySelectorAll("details[open]")].map((d) => d.dataset.category));
  const on = defaultRules.filter((r) => ruleStates.get(r.code)).length;
  $("rules-count").textContent = defaultRules.length ? `(${on} of ${defaultRules.length} on)` : "";
  $("rules-reset").disabled = !state.ignore.length && !state.select.length;
  box.innerHTML = [...cats]
    .map(([cat, rs]) => {
      const n = rs.filter((r) => ruleStates.get(r.code)).length;
      const id = `cat-${cat.replace(/[^a-z0-9-]/gi, "_")}`;
      return `<div class="category">
        <div class="category-head">
          <label for="${id}"><input type="checkbox" id="${id}" data-category="${escape(cat)}"${n ? " checked" : ""}> ${escape(cat)} <span class="n">${n} of ${rs.length}</span></label>
        </div>
        <details data-category="${escape(cat)}"${open.has(cat) ? " open" : ""}><summary class="hint">the ${escape(cat)} rules</summary>
        <ul>${rs
          .map(
            (r) => `<li><label><input type="checkbox" data-rule="${escape(r.code)}"${ruleStates.get(r.code) ? " checked" : ""}>
              <span><code>${escape(r.id)}</code><span class="dot sev-${r.severity}" title="${r.severity}"></span><span class="sr">${r.severity}</span></span>
              <span class="rule-summary">${escape(r.summary)}</span></label></li>`,
          )
          .join("")}</ul></details></div>`;
    })
    .join("");
  for (const [cat, rs] of cats) {
    const n = rs.filter((r) => ruleStates.get(r.code)).length;
    const cb = box.querySelector(`input[data-category="${CSS.escape(cat)}"]`);
    if (cb) cb.indeterminate = n > 0 && n < rs.length;
  }
}

/** Turns the wanted set of rules into selectors: what is off, or (rarely) what is on. */
function selectorsFor(wanted) {
  const cats = categories();
  const defaults = new Set(defaultRules.filter((r) => r.enabled).map((r) => r.code));
  const extra = [...wanted].some((c) => !defaults.has(c));
  const out = [];
  for (const [cat, rs] of cats) {
    const picked = rs.filter((r) => (extra ? wanted.has(r.code) : defaults.has(r.code) && !wanted.has(r.code)));
    if (!picked.length) continue;
    if (picked.length === rs.length) out.push(cat);
    else out.push(...picked.map((r) => r.code));
  }
  return extra ? { select: out, ignore: [] } : { select: [], ignore: out };
}

$("rules").addEventListener("change", (e) => {
  const t = e.target;
  if (!(t instanceof HTMLInputElement)) return;
  const wanted = new Set(defaultRules.filter((r) => ruleStates.get(r.code)).map((r) => r.code));
  if (t.dataset.category) {
    for (const r of defaultRules) if (r.category === t.dataset.category) t.checked ? wanted.add(r.code) : wanted.delete(r.code);
  } else if (t.dataset.rule) {
    t.checked ? wanted.add(t.dataset.rule) : wanted.delete(t.dataset.rule);
  }
  const s = selectorsFor(wanted);
  state.ignore = s.ignore;
  state.select = s.select;
  ruleStates = new Map(defaultRules.map((r) => [r.code, wanted.has(r.code)]));
  const focused = t.dataset.category ? `input[data-category="${CSS.escape(t.dataset.category)}"]` : `input[data-rule="${CSS.escape(t.dataset.rule)}"]`;
  renderRules();
  $("rules").querySelector(focused)?.focus();
  setError("selectors", null);
  saveFragment();
  requestLint();
});

$("rules-reset").addEventListener("click", () => {
  state.ignore = [];
  state.select = [];
  saveFragment();
  syncRules();
  requestLint();
});

// ---------------------------------------------------------------------------------------------
// Examples, the link

for (const ex of examples) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "button small";
  b.textContent = ex.label;
  b.addEventListener("click", () => {
    client.value = ex.client;
    state.format = ex.format;
    formatSelect.value = ex.format;
    active = null;
    focusRange = null;
    replaceReply(ex.reply);
    reply.setSelectionRange(0, 0);
    reply.scrollTop = 0;
    syncScroll();
    saveFragment(true);
    requestLint();
  });
  $("examples").append(b);
}

$("copy-link").addEventListener("click", async () => {
  saveFragment(true);
  try {
    await navigator.clipboard.writeText(location.href);
    notify("Link copied: it holds the text, and goes nowhere until you share it");
  } catch {
    notify("Copy the address from the address bar: it holds the text");
  }
});

window.addEventListener("hashchange", () => {
  const s = readFragment();
  if (!s || fragment() === location.hash) return;
  restore(s);
  renderAll();
  syncRules().then(requestLint);
});

// ---------------------------------------------------------------------------------------------
// Start

const initial = readFragment();
if (initial) restore(initial);
shown = { text: reply.value, result: null, fresh: false };
renderAll();

engine.ready.then(
  async (info) => {
    engineReady = true;
    $("version").textContent = info.version;
    $("engine-where").textContent = `linting in a ${info.where === "worker" ? "web worker" : "the main thread"}, module loaded in ${Math.round(info.ms)} ms`;
    window.__playground.ready = info;
    $("status").textContent = "Ready";
    await loadRules();
    requestLint();
    // The engine compiles a rule's patterns the first time a text needs them (a few hundred ms in
    // all): do it now, behind the first lint, rather than on the first words typed.
    const sample = examples.map((e) => e.reply).join("\n\n");
    const context = examples.find((e) => e.client)?.client;
    engine.call("lint", { text: sample, options: { context } }).then(
      ({ ms }) => warmed(ms),
      () => warmed(null),
    );
  },
  (e) => {
    const hint =
      location.protocol === "file:"
        ? " Browsers do not load WebAssembly modules from file:// pages: serve this folder (python3 -m http.server) and open it over http://localhost."
        : "";
    setError("engine", `the linter could not be loaded: ${e.message}.${hint}`);
    $("status").textContent = "Not loaded";
  },
);
