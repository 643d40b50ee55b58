// tonelint's content script: finds the compose boxes of a page (<textarea> and contenteditable,
// those added later and those inside open shadow roots), sends their text to the service worker
// for linting, underlines the findings, offers the rewrites, and holds the page's Send while the
// reply has findings at or above the chosen level.
//
// What it never does: send text anywhere but to the extension's own service worker, change a field
// unless the writer applies a rewrite, or stand between the writer and Send when it fails (an
// error, a timeout, a page it does not understand: the send goes ahead with a brief notice).
//
// A classic script (content scripts cannot be modules): one closure, no globals but a guard.
(() => {
  "use strict";
  if (globalThis.__tonelintContent) return;
  globalThis.__tonelintContent = true;

  /** Quiet time after the last keystroke before the draft is linted. */
  const DEBOUNCE_MS = 50;
  /** A lint while typing that takes longer than this is dropped (the next keystroke retries). */
  const LINT_TIMEOUT_MS = 4000;
  /** Before Send: past this, the check is given up and the send goes ahead with a notice. */
  const SEND_TIMEOUT_MS = 3000;
  /** How long a pointer gesture on a send button may last before it is settled. */
  const GESTURE_MS = 800;
  /** The customer's message is cut to this many characters. */
  const MAX_CONTEXT = 20000;
  const RANK = { info: 1, warning: 2, error: 3, off: 99 };

  let setup = null; // { enabled, failOn, profile } from the service worker
  let active = false;
  let generation = 0; // bumps when the settings change: every result is then stale
  let controller = null; // aborts every global listener on deactivate
  let ui = null;
  const sessions = new Map(); // field element → Session
  const observed = new Map(); // document or shadow root → MutationObserver
  let highlights = null; // severity → Highlight (contenteditable underlines)
  const sheets = new WeakSet(); // roots given the ::highlight() style sheet
  let highlightSheet = null;

  // ---------------------------------------------------------------------------------------------
  // Talking to the service worker
  // ---------------------------------------------------------------------------------------------

  /** Whether this script still belongs to an installed extension (not after an update). */
  function alive() {
    try {
      return Boolean(chrome.runtime?.id);
    } catch {
      return false;
    }
  }

  /** Sends `message` to the service worker; rejects on an error, `{ error }` or a timeout. */
  function ask(message, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no answer in time")), timeoutMs);
      try {
        chrome.runtime.sendMessage(message, (reply) => {
          clearTimeout(timer);
          const error = chrome.runtime.lastError;
          if (error) reject(new Error(error.message));
          else if (!reply) reject(new Error("no answer"));
          else if (reply.error) reject(new Error(reply.error));
          else resolve(reply);
        });
      } catch (e) {
        clearTimeout(timer);
        reject(e);
      }
    });
  }

  /** The address the profile is chosen by: the nearest http(s) page (about:blank frames). */
  function pageUrl() {
    let w = window;
    try {
      while (!/^https?:$/.test(w.location.protocol) && w !== w.parent) w = w.parent;
      return w.location.href;
    } catch {
      return self.origin && self.origin !== "null" ? `${self.origin}/` : location.href;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Life cycle
  // ---------------------------------------------------------------------------------------------

  let lastSetupTry = 0;
  let starts = 0;
  async function start() {
    const token = ++starts;
    lastSetupTry = Date.now();
    let reply;
    try {
      reply = await ask({ type: "setup", url: pageUrl() }, 5000);
    } catch {
      return; // The page stays exactly as it was.
    }
    if (document.readyState === "loading") {
      await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
    }
    if (token !== starts) return; // A later start (the settings changed again) does it.
    const profileChanged = JSON.stringify(reply.profile) !== JSON.stringify(setup?.profile);
    setup = reply;
    if (!setup.enabled) return deactivate();
    if (active && profileChanged) deactivate();
    if (!active) activate();
    generation += 1;
    for (const s of sessions.values()) s.changed(0);
  }

  function activate() {
    active = true;
    controller = new AbortController();
    const opts = { capture: true, signal: controller.signal };
    ui = createUI();
    if (typeof Highlight === "function" && globalThis.CSS?.highlights) {
      highlights = {};
      for (const [i, sev] of ["info", "warning", "error", "active"].entries()) {
        const h = new Highlight();
        h.priority = i;
        highlights[sev] = h;
        CSS.highlights.set(`tonelint-${sev}`, h);
      }
    }
    window.addEventListener("focusin", onFocusin, opts);
    window.addEventListener("scroll", scheduleReposition, { ...opts, passive: true });
    window.addEventListener("resize", scheduleReposition, { ...opts, passive: true });
    document.fonts?.addEventListener("loadingdone", () => sessions.forEach((s) => s.render()), {
      signal: controller.signal,
    });
    observe(document);
    scan(document);
  }

  function deactivate() {
    if (!active) return;
    active = false;
    controller?.abort();
    for (const s of sessions.values()) s.destroy();
    sessions.clear();
    for (const mo of observed.values()) mo.disconnect();
    observed.clear();
    if (highlights) for (const sev of Object.keys(highlights)) CSS.highlights.delete(`tonelint-${sev}`);
    highlights = null;
    ui?.host.remove();
    ui = null;
    held = null;
  }

  // ---------------------------------------------------------------------------------------------
  // The UI: one shadow root (underlines of textareas, the popup, the dialog, notices)
  // ---------------------------------------------------------------------------------------------

  const CSS_TEXT = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .layer { position: fixed; overflow: hidden; pointer-events: none; }
    .content { position: absolute; left: 0; top: 0; }
    .u { position: absolute; pointer-events: none; border-bottom: 2px solid var(--c); border-radius: 1px; }
    .u.error { --c: #d93025; }
    .u.warning { --c: #e37400; }
    .u.info { --c: #1a73e8; border-bottom-style: dotted; }
    .u.active { background: rgb(255 214 0 / 0.35); }
    .mirror { position: absolute; left: -100000px; top: 0; visibility: hidden; overflow: hidden;
      height: auto; border: 0; margin: 0; box-sizing: content-box; }
    .font { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; }
    .card { position: fixed; pointer-events: auto; width: 360px; max-width: calc(100vw - 16px);
      background: #fff; border: 1px solid #dadce0; border-radius: 8px; padding: 12px 14px;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.18); }
    .card .head { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; }
    .card code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; color: #5f6368; flex: 1;
      overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .sev { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em;
      padding: 1px 6px; border-radius: 4px; color: #fff; }
    .sev.error { background: #d93025; } .sev.warning { background: #b06000; } .sev.info { background: #1a73e8; }
    .close { border: 0; background: none; font-size: 18px; line-height: 1; cursor: pointer; color: #5f6368;
      padding: 2px 4px; }
    .msg { margin: 0 0 6px; font-weight: 600; }
    .why { margin: 0 0 8px; color: #3c4043; }
    .fixes { display: flex; flex-direction: column; gap: 6px; }
    .fix { text-align: left; font: inherit; cursor: pointer; border: 1px solid #dadce0; border-radius: 6px;
      background: #f8f9fa; padding: 6px 8px; color: inherit; }
    .fix:hover, .fix:focus-visible { background: #e8f0fe; border-color: #1a73e8; outline: none; }
    .fix .title { display: block; font-size: 12px; color: #5f6368; }
    .fix .after { display: block; }
    .fix .after del { color: #a50e0e; }
    .fix .after ins { color: #137333; text-decoration: none; font-weight: 600; }
    .tip { margin: 0; color: #3c4043; font-size: 12px; }
    .tip::before { content: "Tip: "; font-weight: 600; }
    .foot { margin-top: 8px; display: flex; justify-content: space-between; align-items: center; gap: 8px; }
    .link { border: 0; background: none; font: inherit; font-size: 12px; color: #1a73e8; cursor: pointer; padding: 0; }
    .note { font-size: 12px; color: #a50e0e; }
    .backdrop { position: fixed; inset: 0; pointer-events: auto; background: rgb(32 33 36 / 0.45);
      display: flex; align-items: center; justify-content: center; }
    .dialog { width: 520px; max-width: calc(100vw - 32px); max-height: calc(100vh - 32px); overflow: auto;
      background: #fff; border-radius: 10px; padding: 20px 22px; box-shadow: 0 8px 32px rgb(0 0 0 / 0.3); }
    .dialog h2 { font-size: 17px; margin: 0 0 6px; }
    .dialog p { margin: 0 0 12px; color: #3c4043; }
    .dialog ul { margin: 0 0 16px; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 8px; }
    .dialog li { border-left: 3px solid #e37400; padding: 2px 0 2px 10px; }
    .dialog li.error { border-color: #d93025; } .dialog li.info { border-color: #1a73e8; }
    .dialog q { font-style: italic; }
    .dialog .buttons { display: flex; justify-content: flex-end; gap: 10px; }
    .dialog button { font: inherit; font-weight: 600; border-radius: 6px; padding: 7px 16px; cursor: pointer; }
    .dialog .edit { background: #1a73e8; border: 1px solid #1a73e8; color: #fff; }
    .dialog .anyway { background: #fff; border: 1px solid #dadce0; color: #202124; }
    .dialog button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }
    .notice { position: fixed; right: 16px; bottom: 16px; max-width: 380px; pointer-events: auto;
      background: #202124; color: #fff; border-radius: 8px; padding: 10px 14px;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.3); }
    .notice:empty { display: none; }
  `;

  function createUI() {
    const host = document.createElement("tonelint-ui");
    // Styles through the CSSOM and a constructed style sheet: a page's Content-Security-Policy
    // (style-src without 'unsafe-inline') blocks style attributes and <style> elements, not these.
    const fixed = {
      all: "initial", position: "fixed", left: "0", top: "0", width: "0", height: "0",
      overflow: "visible", display: "block", "z-index": "2147483647", "pointer-events": "none",
    };
    for (const [k, v] of Object.entries(fixed)) host.style.setProperty(k, v, "important");
    // Open, so that assistive technology and the tests see the dialog; it holds no draft text
    // beyond the words quoted in a finding.
    const root = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    root.adoptedStyleSheets = [sheet];
    root.append(
      h("div", { class: "layers" }),
      h("div", { class: "mirror" }),
      h("div", { class: "notice font", role: "status", "aria-live": "polite" }),
    );
    document.documentElement.append(host);
    return {
      host,
      root,
      layers: root.querySelector(".layers"),
      mirror: root.querySelector(".mirror"),
      notice: root.querySelector(".notice"),
    };
  }

  /** Puts the UI back if the page removed it. */
  function ensureUI() {
    if (ui && !ui.host.isConnected) document.documentElement.append(ui.host);
  }

  function fromUI(event) {
    return ui ? event.composedPath().includes(ui.host) : false;
  }

  let noticeTimer = 0;
  function notice(text) {
    if (!ui) return;
    ensureUI();
    ui.notice.textContent = text;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => ui && (ui.notice.textContent = ""), 8000);
  }

  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v == null) continue;
      if (k === "class") el.className = v;
      else if (k === "style") el.style.cssText = v;
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c != null && c !== false) el.append(c);
    return el;
  }

  // ---------------------------------------------------------------------------------------------
  // Finding the fields
  // ---------------------------------------------------------------------------------------------

  const FIELD_QUERY = 'textarea, [contenteditable]:not([contenteditable="false"])';

  function matchesAny(el, selectors) {
    if (!selectors?.length) return false;
    try {
      return el.matches(selectors.join(","));
    } catch {
      return selectors.some((s) => {
        try {
          return el.matches(s);
        } catch {
          return false;
        }
      });
    }
  }

  /** The field `el` belongs to: a <textarea>, or the outermost contenteditable element. */
  function fieldOf(el) {
    if (!el || el.nodeType !== 1) return null;
    if (el instanceof HTMLTextAreaElement) return el;
    if (!el.isContentEditable) return null;
    let top = el;
    while (top.parentElement?.isContentEditable) top = top.parentElement;
    return top;
  }

  /**
   * Whether to check a field. Deliberate choices: fields a profile names are always checked; the
   * rest is skipped when read-only, disabled, `spellcheck="false"` (code and data entry), inside a
   * code editor, or a search or combo box.
   */
  function wanted(el) {
    const p = setup.profile;
    if (matchesAny(el, p.fields)) return true;
    if (matchesAny(el, p.ignoreFields)) return false;
    if (el instanceof HTMLTextAreaElement && (el.readOnly || el.disabled)) return false;
    if (el.getAttribute("spellcheck") === "false") return false;
    return true;
  }

  function attach(el) {
    const field = fieldOf(el);
    if (!field || sessions.has(field) || !field.isConnected) return;
    if (!wanted(field)) return;
    sessions.set(field, new Session(field));
  }

  /** Finds the fields under `root` and the open shadow roots inside it. */
  function scan(root) {
    if (root === ui?.host) return; // tonelint's own UI
    if (root.nodeType === 1) {
      if (root.matches(FIELD_QUERY)) attach(root);
      if (root.shadowRoot) openRoot(root.shadowRoot);
    }
    for (const el of root.querySelectorAll(FIELD_QUERY)) attach(el);
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot && el !== ui?.host) openRoot(el.shadowRoot);
  }

  function openRoot(shadow) {
    if (observed.has(shadow)) return;
    observe(shadow);
    shadow.addEventListener("submit", onSubmit, { capture: true, signal: controller.signal });
    shadow.addEventListener("scroll", scheduleReposition, { capture: true, passive: true, signal: controller.signal });
    scan(shadow);
  }

  let pending = new Set();
  let pendingTimer = 0;
  function observe(root) {
    const mo = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeType === 1) pending.add(n);
        if (r.removedNodes.length) pending.add(null);
      }
      if (!pendingTimer) pendingTimer = setTimeout(flushPending, 30);
    });
    mo.observe(root, { childList: true, subtree: true });
    observed.set(root, mo);
  }

  function flushPending() {
    pendingTimer = 0;
    if (!active) return;
    const nodes = pending;
    pending = new Set();
    for (const s of [...sessions.values()]) {
      if (!s.el.isConnected) {
        s.destroy();
        sessions.delete(s.el);
      }
    }
    for (const n of nodes) {
      if (!n || !n.isConnected) continue;
      // Text typed into a known field is the field's business, not a new field.
      if (n.parentElement?.isContentEditable && sessions.has(fieldOf(n.parentElement))) continue;
      scan(n);
    }
  }

  function onFocusin(e) {
    const target = e.composedPath()[0];
    const field = fieldOf(target);
    if (field && !sessions.has(field)) attach(field);
    sessions.get(field)?.changed(0);
  }

  // ---------------------------------------------------------------------------------------------
  // The text of a contenteditable field, and where each character is in the DOM
  // ---------------------------------------------------------------------------------------------

  const BLOCK_DISPLAY = /^(block|flex|grid|list-item|table|flow-root|table-row|table-caption|table-row-group|table-header-group|table-footer-group)$/;
  const PARAGRAPH_TAGS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "PRE", "TABLE", "BLOCKQUOTE", "DL", "HR"]);
  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "IMG", "SVG", "VIDEO", "AUDIO", "IFRAME", "OBJECT", "CANVAS"]);
  const SPACE = /[ \t\n\r\f]/;

  /**
   * Reads a contenteditable element as plain text the engine understands: blocks and <br> become
   * line breaks, paragraphs are separated by a blank line, collapsible white space collapses as
   * the browser renders it, and quoted text (<blockquote>, the profile's quote selectors, and
   * everything from a `quoteAfter` element on) is prefixed with "> " so that the engine reads it
   * as the client's message (context), never as the reply. `segs` maps the text back to the DOM:
   * each `{ start, len, node, offset }` says text[start + i] is node.data[offset + i]; the
   * characters no segment covers (line breaks, "> ") are synthetic.
   */
  function extract(root, profile) {
    const parts = [];
    const segs = [];
    let length = 0;
    let lineStart = true;
    let owed = 0; // line breaks owed before the next content
    let trailing = 0; // line breaks at the end of the text so far
    let quote = 0;
    let quoteRest = false;
    let lastSpace = true;
    const styles = new Map();
    const quoteSel = profile.quote?.length ? profile.quote.join(",") : null;
    const restSel = profile.quoteAfter?.length ? profile.quoteAfter.join(",") : null;

    const style = (el) => {
      let s = styles.get(el);
      if (!s) {
        const cs = getComputedStyle(el);
        s = { display: cs.display, ws: cs.whiteSpaceCollapse ?? cs.whiteSpace };
        styles.set(el, s);
      }
      return s;
    };
    const depth = () => quote + (quoteRest ? 1 : 0);
    const raw = (s) => {
      parts.push(s);
      length += s.length;
    };
    const newline = () => {
      if (depth() && lineStart) raw(">");
      raw("\n");
      lineStart = true;
      lastSpace = true;
      trailing += 1;
    };
    const flush = () => {
      if (length > 0) for (let i = trailing; i < owed; i++) newline();
      owed = 0;
    };
    const emit = (s, node, offset) => {
      flush();
      if (lineStart && depth()) raw("> ".repeat(depth()));
      segs.push({ start: length, len: s.length, node, offset });
      raw(s);
      lineStart = false;
      trailing = 0;
      lastSpace = s.endsWith(" ");
    };
    const owe = (n) => (owed = Math.max(owed, n));

    const text = (node) => {
      const data = node.data;
      if (!data) return;
      const ws = node.parentElement ? style(node.parentElement).ws : "normal";
      // whiteSpaceCollapse: collapse | preserve | preserve-breaks | break-spaces | preserve-spaces;
      // older whiteSpace: normal | nowrap | pre | pre-wrap | pre-line | break-spaces.
      const keepSpaces = /^(preserve|break-spaces|pre|pre-wrap|preserve-spaces)$/.test(ws);
      const keepBreaks = keepSpaces || /^(preserve-breaks|pre-line)$/.test(ws);
      let i = 0;
      while (i < data.length) {
        const c = data[i];
        if (c === "\n" && keepBreaks) {
          flush();
          newline();
          i += 1;
          continue;
        }
        if (!keepSpaces && SPACE.test(c)) {
          let j = i;
          while (j < data.length && SPACE.test(data[j]) && !(data[j] === "\n" && keepBreaks)) j += 1;
          if (!lastSpace && !lineStart && owed === 0) emit(" ", node, i);
          i = j;
          continue;
        }
        let j = i + 1;
        while (j < data.length && !(SPACE.test(data[j]) && !keepSpaces) && !(data[j] === "\n" && keepBreaks)) j += 1;
        emit(data.slice(i, j), node, i);
        i = j;
      }
    };

    const visit = (node) => {
      if (node.nodeType === 3) return text(node);
      if (node.nodeType !== 1) return;
      const tag = node.tagName;
      if (SKIP_TAGS.has(tag)) return;
      if (tag === "BR") {
        flush();
        if (lineStart && depth()) raw("> ".repeat(depth()).trimEnd());
        raw("\n");
        lineStart = true;
        lastSpace = true;
        trailing += 1;
        return;
      }
      const s = style(node);
      if (s.display === "none") return;
      if (node !== root && node.getAttribute("contenteditable") === "false") return;
      const block = BLOCK_DISPLAY.test(s.display);
      const paragraph = block && PARAGRAPH_TAGS.has(tag);
      const startsRest = !quoteRest && restSel && node.matches(restSel);
      const isQuote = !startsRest && quoteSel && node.matches(quoteSel);
      if (block) owe(paragraph ? 2 : 1);
      if (startsRest) quoteRest = true;
      if (isQuote) quote += 1;
      for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
      if (isQuote) quote -= 1;
      if (block) owe(paragraph ? 2 : 1);
    };

    for (let c = root.firstChild; c; c = c.nextSibling) visit(c);
    return { text: parts.join(""), segs };
  }

  /** The DOM point of text offset `offset`: the start of a character, or the end of one. */
  function pointAt(segs, offset, end) {
    if (!segs.length) return null;
    let lo = 0;
    let hi = segs.length - 1;
    // The last segment that starts before (end) or at (start) the offset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (end ? segs[mid].start < offset : segs[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo];
    if (end) {
      if (seg.start >= offset) return { node: seg.node, offset: seg.offset };
      return { node: seg.node, offset: seg.offset + Math.min(offset - seg.start, seg.len) };
    }
    if (offset < seg.start) return { node: seg.node, offset: seg.offset };
    if (offset < seg.start + seg.len) return { node: seg.node, offset: seg.offset + offset - seg.start };
    const next = segs[lo + 1];
    return next ? { node: next.node, offset: next.offset } : { node: seg.node, offset: seg.offset + seg.len };
  }

  function domRange(segs, start, end) {
    const a = pointAt(segs, start, false);
    const b = pointAt(segs, end, true);
    if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
    const range = new Range();
    try {
      range.setStart(a.node, Math.min(a.offset, a.node.length));
      // An insertion point is where the next character starts (not the end of the line before).
      if (start === end) range.collapse(true);
      else range.setEnd(b.node, Math.min(b.offset, b.node.length));
    } catch {
      return null;
    }
    return range;
  }

  // ---------------------------------------------------------------------------------------------
  // The customer's message (per-site profiles)
  // ---------------------------------------------------------------------------------------------

  /** The customer's last message on the page, by the profile's `context` selectors, or "". */
  function contextText() {
    const selectors = setup.profile.context;
    if (!selectors?.length) return "";
    let found = [];
    try {
      found = [...document.querySelectorAll(selectors.join(","))];
    } catch {
      return "";
    }
    const fields = [...sessions.keys()];
    for (let i = found.length - 1; i >= 0; i--) {
      const el = found[i];
      if (fields.some((f) => f.contains(el) || el.contains(f))) continue;
      const text = (el.innerText ?? el.textContent ?? "").trim();
      if (text) return text.slice(0, MAX_CONTEXT);
    }
    return "";
  }

  // ---------------------------------------------------------------------------------------------
  // A field being checked
  // ---------------------------------------------------------------------------------------------

  class Session {
    constructor(el) {
      this.el = el;
      this.textarea = el instanceof HTMLTextAreaElement;
      this.result = null; // { text, segs, findings, error, gen, stale }
      this.seq = 0;
      this.timer = 0;
      this.inflight = null;
      this.layer = null;
      this.boxes = []; // textarea: [{ f, rects }] in the padding box's coordinates
      this.marks = []; // contenteditable: [{ f, range }]
      this.clips = null;
      this.abort = new AbortController();
      const opts = { signal: this.abort.signal };
      el.addEventListener("input", () => this.onInput(), opts);
      el.addEventListener("click", (e) => this.onClick(e), opts);
      el.addEventListener("scroll", scheduleReposition, { ...opts, passive: true });
      this.resize = new ResizeObserver(() => this.render());
      this.resize.observe(el);
      if (!this.textarea) {
        // Editors change their content without input events too (templates, undo, paste).
        this.mutations = new MutationObserver(() => this.changed());
        this.mutations.observe(el, { childList: true, characterData: true, subtree: true });
      }
      if (this.peek()) this.changed(0);
    }

    /** Whether the field has any text, cheaply. */
    peek() {
      return this.textarea ? /\S/.test(this.el.value) : /\S/.test(this.el.textContent ?? "");
    }

    read() {
      if (this.textarea) return { text: this.el.value, segs: null };
      return extract(this.el, setup.profile);
    }

    onInput() {
      if (card?.session === this) closeCard();
      this.changed();
      if (this.textarea && this.result && !this.shiftQueued) {
        this.shiftQueued = true;
        requestAnimationFrame(() => {
          this.shiftQueued = false;
          this.shift(this.el.value);
        });
      }
    }

    /** The text changed: lint it after `delay` ms of quiet. */
    changed(delay = DEBOUNCE_MS) {
      if (!active) return;
      this.seq += 1;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), delay);
    }

    /** Whether `result` is the findings of the field's text right now. */
    current(text) {
      const r = this.result;
      return Boolean(r && !r.stale && r.gen === generation && r.text === text);
    }

    /** Lints the field's text now (unless its findings are current); resolves when shown. */
    async run() {
      clearTimeout(this.timer);
      this.timer = 0;
      if (!active || this.destroyed) return;
      const seq = this.seq;
      const gen = generation;
      let read;
      try {
        read = this.read();
      } catch (e) {
        this.result = { text: null, segs: null, findings: [], error: String(e?.message ?? e), gen };
        return;
      }
      const { text, segs } = read;
      if (this.current(text)) return;
      if (this.inflight && this.inflight.text === text && this.inflight.gen === gen) return this.inflight.promise;
      let promise;
      if (!/\S/.test(text)) {
        promise = Promise.resolve({ text, segs, findings: [], gen });
      } else {
        const context = contextText();
        promise = ask({ type: "lint", text, context }, LINT_TIMEOUT_MS).then(
          (reply) => ({ text, segs, findings: reply.findings, gen }),
          (e) => ({ text, segs, findings: [], error: String(e?.message ?? e), gen }),
        );
      }
      this.inflight = { text, gen, promise };
      const result = await promise;
      if (this.inflight?.promise === promise) this.inflight = null;
      if (this.destroyed || !active) return;
      result.seq = seq;
      if (this.result && this.result.seq > seq && !this.result.stale) return;
      const drawn = this.result;
      if (
        seq === this.seq &&
        this.textarea &&
        drawn &&
        !drawn.error &&
        drawn.text === result.text &&
        this.layer &&
        this.boxes.length === result.findings.length &&
        sameFindings(drawn.findings, result.findings)
      ) {
        // The findings the underlines already show (moved along while typing): no need to
        // measure the text again.
        this.result = result;
        this.boxes = this.boxes.map((b, i) => ({ f: result.findings[i], rects: b.rects }));
        this.draw();
        return;
      }
      if (seq !== this.seq) {
        // Typed on while it was linted: a textarea's underlines move with the text; a
        // contenteditable's keep their live ranges until the next result.
        if (this.textarea) {
          this.result = result;
          this.shift(this.el.value);
        } else if (!this.result || this.result.error) {
          this.result = { ...result, stale: true };
        }
        return;
      }
      this.result = result;
      this.render();
    }

    /** Findings current for the field's text right now, linting first if need be. */
    async ensureCurrent() {
      const { text } = this.read();
      if (this.current(text) || !/\S/.test(text)) return;
      await this.run();
    }

    /**
     * A textarea changed since its findings: keep the findings before and after the change where
     * they are (moved by the change's length), drop those it touched, until the next result.
     */
    shift(now) {
      const r = this.result;
      if (!r || r.error || r.text === now || r.text == null) return;
      const old = r.text;
      let p = 0;
      const max = Math.min(old.length, now.length);
      while (p < max && old.charCodeAt(p) === now.charCodeAt(p)) p += 1;
      let s = 0;
      while (s < max - p && old.charCodeAt(old.length - 1 - s) === now.charCodeAt(now.length - 1 - s)) s += 1;
      const oldEnd = old.length - s;
      const delta = now.length - old.length;
      const move = (a, b) => (b <= p ? [a, b] : a >= oldEnd ? [a + delta, b + delta] : null);
      const findings = [];
      const kept = [];
      let moved = false;
      for (const f of r.findings) {
        const span = move(f.start, f.end);
        if (!span) continue;
        kept.push(f);
        if (f.start >= oldEnd) moved = true; // after the change: its line may have moved
        const suggestions = [];
        for (const sug of f.suggestions) {
          const edits = [];
          for (const e of sug.edits) {
            const m = move(e.start, e.end);
            if (!m) break;
            edits.push({ ...e, start: m[0], end: m[1] });
          }
          if (edits.length === sug.edits.length) suggestions.push({ ...sug, edits });
        }
        findings.push({ ...f, start: span[0], end: span[1], suggestions });
      }
      this.result = { ...r, text: now, findings, stale: true };
      // Typing after the last finding (the usual case) moves nothing: the text before an edit
      // lays out the same, so the underlines are redrawn without measuring the text again.
      const boxes = kept.map((old, i) => ({ f: findings[i], rects: this.boxes.find((b) => b.f === old)?.rects }));
      if (!moved && this.leftAligned && this.layer && boxes.every((b) => b.rects)) {
        this.boxes = boxes;
        this.draw();
      } else {
        this.render();
      }
    }

    /** Draws the findings: an overlay for a textarea, highlights for a contenteditable. */
    render() {
      if (!active || this.destroyed) return;
      const findings = this.result && !this.result.error ? this.result.findings : [];
      if (this.textarea) this.renderTextarea(findings);
      else this.renderEditable(findings);
    }

    renderTextarea(findings) {
      if (!findings.length) {
        this.boxes = [];
        this.layer?.remove();
        this.layer = null;
        return;
      }
      ensureUI();
      if (!this.layer) {
        this.layer = h("div", { class: "layer" }, h("div", { class: "content" }));
        ui.layers.append(this.layer);
      }
      const el = this.el;
      const cs = getComputedStyle(el);
      const mirror = ui.mirror;
      for (const prop of MIRRORED) mirror.style[prop] = cs[prop];
      const padX = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight);
      mirror.style.width = `${Math.max(0, el.clientWidth - padX)}px`;
      mirror.style.boxSizing = "content-box";
      // Text after the last finding cannot move it (lines break forwards), unless the lines are
      // justified, centred or right-aligned: the mirror holds only what is needed.
      let text = this.result.text;
      const align = cs.textAlign;
      this.leftAligned = cs.direction !== "rtl" && (align === "start" || align === "left");
      if (this.leftAligned) {
        const last = Math.max(...findings.map((f) => f.end));
        const eol = text.indexOf("\n", last);
        if (eol >= 0) text = text.slice(0, eol);
      }
      if (!mirror.firstChild) mirror.append(document.createTextNode(""));
      const node = mirror.firstChild;
      if (node.data !== text) node.data = text;
      const origin = mirror.getBoundingClientRect();
      const range = new Range();
      this.boxes = [];
      for (const f of findings) {
        const start = Math.min(f.start, text.length);
        const end = Math.min(Math.max(f.end, start), text.length);
        // Word by word, so that the space where a line wraps is not underlined.
        const pieces = [];
        const words = /\S+/g;
        words.lastIndex = 0;
        const slice = text.slice(start, end);
        for (let m = words.exec(slice); m; m = words.exec(slice)) {
          range.setStart(node, start + m.index);
          range.setEnd(node, start + m.index + m[0].length);
          pieces.push(...range.getClientRects());
        }
        if (!pieces.length) {
          range.setStart(node, start);
          range.setEnd(node, end);
          pieces.push(...range.getClientRects());
        }
        const rects = mergeLines(pieces).map((r) => ({
          left: r.left - origin.left,
          top: r.top - origin.top,
          width: r.width,
          height: r.height,
        }));
        this.boxes.push({ f, rects });
      }
      this.clips = clippingAncestors(el);
      this.draw();
    }

    /** Draws the measured boxes (in the padding box's coordinates) and places the layer. */
    draw() {
      const content = this.layer.firstChild;
      content.replaceChildren();
      for (const { f, rects } of this.boxes) {
        for (const r of rects) {
          content.append(
            h("div", {
              class: `u ${f.severity}${card?.finding === f ? " active" : ""}`,
              "data-code": f.code,
              "data-start": f.start,
              "data-end": f.end,
              style: `left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`,
            }),
          );
        }
      }
      this.position();
    }

    /** Moves a textarea's overlay over the field: scrolling, resizing, page scrolling. */
    position() {
      if (!this.layer) return;
      const el = this.el;
      const r = el.getBoundingClientRect();
      const pad = {
        left: r.left + el.clientLeft,
        top: r.top + el.clientTop,
        right: r.left + el.clientLeft + el.clientWidth,
        bottom: r.top + el.clientTop + el.clientHeight,
      };
      let clip = { ...pad };
      clip = intersect(clip, { left: 0, top: 0, right: innerWidth, bottom: innerHeight });
      for (const a of this.clips ?? []) {
        if (!a.isConnected) continue;
        const ar = a.getBoundingClientRect();
        clip = intersect(clip, {
          left: ar.left + a.clientLeft,
          top: ar.top + a.clientTop,
          right: ar.left + a.clientLeft + a.clientWidth,
          bottom: ar.top + a.clientTop + a.clientHeight,
        });
      }
      const visible = r.width > 0 && r.height > 0 && clip.right > clip.left && clip.bottom > clip.top;
      const style = this.layer.style;
      style.display = visible ? "block" : "none";
      if (!visible) return;
      style.left = `${clip.left}px`;
      style.top = `${clip.top}px`;
      style.width = `${clip.right - clip.left}px`;
      style.height = `${clip.bottom - clip.top}px`;
      const x = pad.left - clip.left - el.scrollLeft;
      const y = pad.top - clip.top - el.scrollTop;
      this.layer.firstChild.style.transform = `translate(${x}px, ${y}px)`;
    }

    renderEditable(findings) {
      this.clearMarks();
      if (!findings.length || !highlights) return;
      const segs = this.result.segs;
      if (!segs) return;
      ensureSheet(this.el.getRootNode());
      for (const f of findings) {
        const range = domRange(segs, f.start, f.end);
        if (!range) continue;
        highlights[f.severity]?.add(range);
        this.marks.push({ f, range });
      }
    }

    clearMarks() {
      if (highlights) {
        for (const { f, range } of this.marks) {
          highlights[f.severity]?.delete(range);
          highlights.active.delete(range);
        }
      }
      this.marks = [];
    }

    /** The finding under a point of the viewport, and the rectangle it is drawn in. */
    findingAt(x, y) {
      const near = (r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 3;
      if (this.textarea) {
        const el = this.el;
        const er = el.getBoundingClientRect();
        const dx = er.left + el.clientLeft - el.scrollLeft;
        const dy = er.top + el.clientTop - el.scrollTop;
        for (const { f, rects } of this.boxes) {
          for (const r of rects) {
            const v = { left: r.left + dx, top: r.top + dy, right: r.left + dx + r.width, bottom: r.top + dy + r.height };
            if (near(v)) return { f, rect: v };
          }
        }
        return null;
      }
      for (const { f, range } of this.marks) {
        for (const r of range.getClientRects()) if (near(r)) return { f, rect: r };
      }
      return null;
    }

    /** The finding the caret is in (Alt+Enter opens its popup), and where it is drawn. */
    findingAtCaret() {
      const r = this.result;
      if (!r || r.error) return null;
      let pos = null;
      if (this.textarea) {
        if (r.text !== this.el.value) return null;
        pos = this.el.selectionStart;
      } else {
        const sel = (this.el.getRootNode().getSelection?.() ?? null) || getSelection();
        const seg = r.segs?.find((g) => g.node === sel.anchorNode && sel.anchorOffset >= g.offset && sel.anchorOffset <= g.offset + g.len);
        if (seg) pos = seg.start + sel.anchorOffset - seg.offset;
      }
      if (pos == null) return null;
      const f = r.findings.find((x) => x.start <= pos && pos <= x.end);
      if (!f) return null;
      let rect = null;
      if (this.textarea) {
        const box = this.boxes.find((b) => b.f === f)?.rects[0];
        if (box) {
          const er = this.el.getBoundingClientRect();
          const left = er.left + this.el.clientLeft - this.el.scrollLeft + box.left;
          const top = er.top + this.el.clientTop - this.el.scrollTop + box.top;
          rect = { left, top, right: left + box.width, bottom: top + box.height };
        }
      } else {
        rect = this.marks.find((m) => m.f === f)?.range.getClientRects()[0] ?? null;
      }
      return rect ? { f, rect } : null;
    }

    async onClick(e) {
      if (!this.result || this.result.error) return;
      if (this.textarea ? this.el.selectionStart !== this.el.selectionEnd : !getSelection().isCollapsed) return;
      const { clientX: x, clientY: y } = e;
      // Underlines drawn for an older text (typed on since): lint first, so the popup's rewrite
      // applies to the text as it is.
      if (this.result.text !== this.read().text && this.findingAt(x, y)) await this.run();
      const hit = this.result && !this.result.error ? this.findingAt(x, y) : null;
      if (hit) openCard(this, hit.f, hit.rect);
      else if (card?.session === this) closeCard();
    }

    destroy() {
      this.destroyed = true;
      clearTimeout(this.timer);
      this.abort.abort();
      this.resize.disconnect();
      this.mutations?.disconnect();
      this.layer?.remove();
      this.clearMarks();
      if (card?.session === this) closeCard();
    }
  }

  function sameFindings(a, b) {
    return (
      a.length === b.length &&
      a.every((f, i) => f.code === b[i].code && f.start === b[i].start && f.end === b[i].end && f.severity === b[i].severity)
    );
  }

  const MIRRORED = [
    "direction", "fontFamily", "fontSize", "fontStyle", "fontVariant", "fontWeight", "fontStretch",
    "fontSizeAdjust", "fontKerning", "fontFeatureSettings", "fontVariationSettings", "fontOpticalSizing",
    "lineHeight", "letterSpacing", "wordSpacing", "textTransform", "textIndent", "textAlign", "textRendering",
    "tabSize", "whiteSpace", "wordBreak", "overflowWrap", "hyphens", "unicodeBidi", "writingMode",
    "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
  ];

  /** A range's rectangles, one per line (inline boxes on the same line merged). */
  function mergeLines(rects) {
    const lines = [];
    for (const r of rects) {
      if (r.width === 0 && rects.length > 1) continue;
      const line = lines.find((l) => Math.abs(l.top - r.top) < 2 && Math.abs(l.bottom - r.bottom) < 2);
      if (line) {
        line.left = Math.min(line.left, r.left);
        line.right = Math.max(line.right, r.right);
      } else {
        lines.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      }
    }
    return lines.map((l) => ({ left: l.left, top: l.top, width: l.right - l.left, height: l.bottom - l.top }));
  }

  function intersect(a, b) {
    return {
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    };
  }

  /** The ancestors (across shadow roots) that clip `el`: their overflow is not visible. */
  function clippingAncestors(el) {
    const out = [];
    let n = el.parentNode;
    while (n) {
      if (n.nodeType === 11) n = n.host;
      if (!n || n === document.documentElement || n === document.body) break;
      if (n.nodeType === 1) {
        const cs = getComputedStyle(n);
        if (cs.overflowX !== "visible" || cs.overflowY !== "visible") out.push(n);
        if (cs.position === "fixed") break;
      }
      n = n.parentNode;
    }
    return out;
  }

  let repositionQueued = false;
  function scheduleReposition() {
    if (repositionQueued || !active) return;
    repositionQueued = true;
    requestAnimationFrame(() => {
      repositionQueued = false;
      for (const s of sessions.values()) s.position();
      if (card) positionCard();
    });
  }

  /** The ::highlight() rules, in the root (document or shadow root) whose text they style. */
  function ensureSheet(root) {
    if (sheets.has(root) || !("adoptedStyleSheets" in root)) return;
    if (!highlightSheet) {
      highlightSheet = new CSSStyleSheet();
      highlightSheet.replaceSync(`
        ::highlight(tonelint-error) { text-decoration: underline solid #d93025 2px; text-underline-offset: 3px; text-decoration-skip-ink: none; }
        ::highlight(tonelint-warning) { text-decoration: underline solid #e37400 2px; text-underline-offset: 3px; text-decoration-skip-ink: none; }
        ::highlight(tonelint-info) { text-decoration: underline dotted #1a73e8 2px; text-underline-offset: 3px; text-decoration-skip-ink: none; }
        ::highlight(tonelint-active) { background-color: rgb(255 214 0 / 0.35); }
      `);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, highlightSheet];
    sheets.add(root);
  }

  // ---------------------------------------------------------------------------------------------
  // The popup of a finding: message, why, rewrites
  // ---------------------------------------------------------------------------------------------

  let card = null; // { session, finding, rect, el }

  function openCard(session, f, rect, focus = false) {
    closeCard();
    ensureUI();
    const text = session.result.text;
    const fixes = f.suggestions.filter((s) => s.edits.length);
    const tips = f.suggestions.filter((s) => !s.edits.length);
    const el = h(
      "div",
      { class: "card font", role: "dialog", "aria-label": `tonelint: ${f.message}` },
      h(
        "div",
        { class: "head" },
        h("span", { class: `sev ${f.severity}` }, f.severity),
        h("code", {}, f.code),
        h("button", { class: "close", type: "button", "aria-label": "Close" }, "×"),
      ),
      h("p", { class: "msg" }, f.message),
      f.why ? h("p", { class: "why" }, f.why.split("\n\n")[0]) : null,
      h(
        "div",
        { class: "fixes" },
        fixes.map((s, i) => {
          const after = s.sentence ? s.sentence.after : null;
          const [first] = s.edits;
          let preview;
          if (after === "") preview = h("del", {}, s.sentence.before);
          else if (after != null) preview = after;
          else if (s.edits.length === 1 && first.start === first.end) {
            // An insertion: what goes in, then the start of what follows it.
            const rest = /^[^\n]*?(?:[.!?](?=\s|$)|$)/.exec(text.slice(first.end, first.end + 120))[0];
            preview = [h("ins", {}, first.replacement), rest];
          } else preview = s.edits.map((e) => e.replacement || "(remove)").join(" … ");
          return h(
            "button",
            { class: "fix", type: "button", "data-fix": i, title: s.applicability === "review" ? "A rewrite: read it first" : "" },
            h("span", { class: "title" }, s.title),
            h("span", { class: "after" }, preview),
          );
        }),
        tips.map((s) => h("p", { class: "tip" }, s.title)),
      ),
      h(
        "div",
        { class: "foot" },
        h("span", { class: "note" }),
        h("button", { class: "link ignore", type: "button" }, "Turn off this rule"),
      ),
    );
    // Keep the field's focus and selection while the popup is used.
    el.addEventListener("mousedown", (e) => e.preventDefault());
    el.querySelector(".close").addEventListener("click", closeCard);
    el.querySelectorAll(".fix").forEach((b) =>
      b.addEventListener("click", () => applyFix(session, f, fixes[Number(b.dataset.fix)], text)),
    );
    el.querySelector(".ignore").addEventListener("click", async () => {
      closeCard();
      try {
        await ask({ type: "ignore-rule", code: f.code }, 3000);
        notice(`tonelint: ${f.code} is turned off (the options page turns it back on).`);
      } catch (e) {
        notice(`tonelint could not turn off ${f.code}: ${e.message}`);
      }
    });
    ui.root.append(el);
    card = { session, finding: f, rect, el };
    markActive(session, f, true);
    positionCard();
    if (focus) (el.querySelector(".fix") ?? el.querySelector(".close")).focus();
    document.addEventListener("keydown", cardKeys, { capture: true, signal: controller.signal });
    document.addEventListener("pointerdown", cardOutside, { capture: true, signal: controller.signal });
  }

  function positionCard() {
    if (!card) return;
    const hit = card.session.findingAt(card.rect.left + 1, card.rect.top + 1);
    const rect = hit?.f === card.finding ? hit.rect : card.rect;
    const box = card.el.getBoundingClientRect();
    let top = rect.bottom + 6;
    if (top + box.height > innerHeight - 8 && rect.top - box.height - 6 > 8) top = rect.top - box.height - 6;
    const left = Math.max(8, Math.min(rect.left, innerWidth - box.width - 8));
    card.el.style.left = `${left}px`;
    card.el.style.top = `${Math.max(8, top)}px`;
  }

  function markActive(session, f, on) {
    if (session.textarea) {
      session.layer?.querySelectorAll(".u").forEach((u) => {
        if (Number(u.dataset.start) === f.start && u.dataset.code === f.code) u.classList.toggle("active", on);
      });
    } else if (highlights) {
      for (const m of session.marks) if (m.f === f) on ? highlights.active.add(m.range) : highlights.active.delete(m.range);
    }
  }

  function closeCard() {
    if (!card) return;
    markActive(card.session, card.finding, false);
    card.el.remove();
    card = null;
    document.removeEventListener("keydown", cardKeys, true);
    document.removeEventListener("pointerdown", cardOutside, true);
  }

  function cardKeys(e) {
    if (e.key === "Escape") {
      e.stopPropagation();
      const inside = card.el.contains(ui.root.activeElement);
      const field = card.session.el;
      closeCard();
      if (inside) field.focus({ preventScroll: true });
    }
  }

  function cardOutside(e) {
    if (card && !e.composedPath().includes(card.el) && e.composedPath()[0] !== card.session.el) closeCard();
  }

  /**
   * Applies a rewrite so that the page's editor sees an edit of its own: the range is selected
   * and replaced with execCommand("insertText") (the browser fires beforeinput and input, and
   * the edit can be undone); a textarea falls back to setRangeText and an input event. Nothing
   * else in the field changes. Edits go last to first, so the offsets of the others hold.
   */
  function applyFix(session, f, suggestion, linted) {
    const note = card?.el.querySelector(".note");
    let now;
    try {
      now = session.read();
    } catch {
      now = null;
    }
    if (!now || now.text !== linted) {
      if (note) note.textContent = "The text changed; click the underline again.";
      session.changed(0);
      return;
    }
    closeCard();
    const el = session.el;
    const edits = [...suggestion.edits].sort((a, b) => b.start - a.start);
    el.focus({ preventScroll: true });
    for (const e of edits) {
      if (session.textarea) {
        el.setSelectionRange(e.start, e.end);
        if (!document.execCommand("insertText", false, e.replacement)) {
          el.setRangeText(e.replacement, e.start, e.end, "end");
          el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: e.replacement }));
        }
      } else {
        const range = domRange(now.segs, e.start, e.end);
        if (!range) break;
        const root = el.getRootNode();
        const selection = (root.getSelection ? root.getSelection() : null) ?? document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (e.replacement) document.execCommand("insertText", false, e.replacement);
        else if (!range.collapsed) document.execCommand("delete", false);
        now = session.read();
      }
    }
    session.changed(0);
  }

  // ---------------------------------------------------------------------------------------------
  // The check before Send
  // ---------------------------------------------------------------------------------------------

  let held = null; // a send held while it is checked: { kind, control, fields, events, … }
  let passed = null; // a send let through: { control, until }
  let replaying = false;

  /**
   * Lets the rest of a send through unchecked: for `ms` (a pointer gesture's release and click),
   * and until the end of the current task (the submit event a click causes).
   */
  function pass(control, ms) {
    const entry = { control, until: ms ? performance.now() + ms : Infinity };
    passed = entry;
    if (!ms) setTimeout(() => passed === entry && (passed = null), 0);
  }

  /** Whether `e` belongs to a send let through; a click ends the gesture. */
  function passing(e, control = passed?.control) {
    if (!passed || performance.now() > passed.until || !control || !(pathHas(e, control) || control === e.target)) return false;
    if (e.type === "click") pass(passed.control, 0);
    return true;
  }

  const BUTTONISH = 'button, input[type=submit], input[type=button], [role=button], a[role=button]';

  /** A button's accessible name, roughly: aria-label, aria-labelledby, text, value, title. */
  function accessibleName(el) {
    let name = el.getAttribute("aria-label");
    if (!name && el.getAttribute("aria-labelledby")) {
      const root = el.getRootNode();
      name = el
        .getAttribute("aria-labelledby")
        .split(/\s+/)
        .map((id) => root.getElementById?.(id)?.textContent ?? "")
        .join(" ");
    }
    if (!name && el instanceof HTMLInputElement) name = el.value;
    if (!name) name = el.textContent;
    if (!name?.trim()) name = el.getAttribute("title") ?? el.getAttribute("data-tooltip") ?? "";
    return name
      .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/\(.*?\)/g, " ")
      .replace(/\s+/g, " ")
      .replace(/[\s.…:!]+$/, "")
      .trim()
      .toLowerCase();
  }

  /** The send control an event reached: by the profile's selectors or by its accessible name. */
  function sendControl(event) {
    const p = setup.profile;
    for (const n of event.composedPath()) {
      if (n.nodeType !== 1) continue;
      if (matchesAny(n, p.send)) return n;
      if (n.matches(BUTTONISH)) {
        if (n.disabled || n.getAttribute("aria-disabled") === "true") return null;
        return p.sendNames.includes(accessibleName(n)) ? n : null;
      }
      if (n === document.body) return null;
    }
    return null;
  }

  /** Whether `node` is inside `container`, across shadow roots. */
  function deepContains(container, node) {
    for (let n = node; n; n = n.parentNode ?? n.host) if (n === container) return true;
    return false;
  }

  /** The compose fields a send control sends: its form's, else the nearest ones around it. */
  function fieldsFor(control) {
    const all = [...sessions.values()];
    const form = control.form ?? (control instanceof HTMLFormElement ? control : null);
    if (form) {
      const inForm = all.filter((s) => s.el.form === form || form.contains(s.el));
      if (inForm.length) return inForm;
    }
    for (const sel of setup.profile.composer ?? []) {
      let box = null;
      try {
        box = control.closest(sel);
      } catch {
        continue;
      }
      const inside = box ? all.filter((s) => deepContains(box, s.el)) : [];
      if (inside.length) return inside;
    }
    let n = control;
    for (let level = 0; n && level < 12; level++) {
      n = n.parentNode ?? null;
      if (n?.nodeType === 11) n = n.host;
      if (!n || n === document.documentElement) break;
      const inside = all.filter((s) => deepContains(n, s.el));
      if (inside.length) return inside;
    }
    return [];
  }

  /** What to do now, from the findings already known: pass, block, fail or wait. */
  function quickVerdict(fields) {
    if (!alive()) return { kind: "fail", error: "the extension was updated or removed; reload the page" };
    if (setup.failOn === "off") return { kind: "pass" };
    const blocking = [];
    let wait = false;
    for (const s of fields) {
      if (s.destroyed) continue;
      const { text } = s.read();
      if (!/\S/.test(text)) continue;
      if (!s.current(text)) {
        wait = true;
        continue;
      }
      if (s.result.error) return { kind: "fail", error: s.result.error };
      for (const f of s.result.findings) {
        if (RANK[f.severity] >= RANK[setup.failOn]) blocking.push({ session: s, f, text });
      }
    }
    if (wait) return { kind: "wait" };
    return blocking.length ? { kind: "block", blocking } : { kind: "pass" };
  }

  /** The verdict once every field's findings are current, or a failure after SEND_TIMEOUT_MS. */
  async function fullVerdict(fields) {
    let timer = 0;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("the check took too long")), SEND_TIMEOUT_MS);
    });
    timeout.catch(() => {}); // Raced below; never an unhandled rejection.
    try {
      // Again while the draft changes under the check (an editor tidying its markup on blur).
      for (;;) {
        await Promise.race([Promise.all(fields.map((s) => s.ensureCurrent())), timeout]);
        const v = quickVerdict(fields);
        if (v.kind !== "wait") return v;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } catch (e) {
      return { kind: "fail", error: String(e?.message ?? e) };
    } finally {
      clearTimeout(timer);
    }
  }

  function failText(error) {
    return `tonelint could not check this reply (${error}), so it was sent as it was.`;
  }

  /** A copy of an event, to dispatch again. */
  function recordEvent(e) {
    const target = e.composedPath()[0] ?? e.target;
    if (e.type === "submit") return { type: "submit", target, form: e.target, submitter: e.submitter ?? null };
    const base = { bubbles: e.bubbles, cancelable: e.cancelable, composed: e.composed };
    if (e instanceof KeyboardEvent) {
      const init = { ...base, key: e.key, code: e.code, location: e.location, repeat: e.repeat, isComposing: e.isComposing,
        ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey,
        keyCode: e.keyCode, which: e.which, charCode: e.charCode, view: window };
      return { type: e.type, target, make: () => new KeyboardEvent(e.type, init) };
    }
    const init = { ...base, view: window, detail: e.detail, screenX: e.screenX, screenY: e.screenY,
      clientX: e.clientX, clientY: e.clientY, ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey,
      metaKey: e.metaKey, button: e.button, buttons: e.buttons, relatedTarget: null };
    if (e instanceof PointerEvent) {
      Object.assign(init, { pointerId: e.pointerId, width: e.width, height: e.height, pressure: e.pressure,
        tiltX: e.tiltX, tiltY: e.tiltY, pointerType: e.pointerType, isPrimary: e.isPrimary });
      return { type: e.type, target, make: () => new PointerEvent(e.type, init) };
    }
    return { type: e.type, target, make: () => new MouseEvent(e.type, init) };
  }

  /** Holds an event: the page does not see it (yet). */
  function hold(e) {
    held.events.push(recordEvent(e));
    e.stopImmediatePropagation();
    // Not pointerdown/pointerup: cancelling those would also cancel the mouse events after them.
    if (!e.type.startsWith("pointer")) e.preventDefault();
  }

  /** Dispatches the held events again, for the page's own handlers: the send goes ahead. */
  function replay(events) {
    replaying = true;
    try {
      for (const r of events) {
        if (!r.target.isConnected && r.type !== "submit") continue;
        if (r.type === "submit") {
          const form = r.form;
          if (!form.isConnected) continue;
          const s = r.submitter;
          if (s && s.form === form && s.matches("button:not([type]), button[type=submit], input[type=submit], input[type=image]")) {
            form.requestSubmit(s);
          } else {
            form.requestSubmit();
          }
        } else {
          r.target.dispatchEvent(r.make());
        }
      }
    } finally {
      replaying = false;
    }
  }

  /** A send began: decide now if the findings are known, else hold it and check first. */
  function begin(e, control, fields, kind) {
    let v;
    try {
      v = quickVerdict(fields);
    } catch (err) {
      v = { kind: "fail", error: String(err?.message ?? err) };
    }
    if (v.kind === "pass" || v.kind === "fail") {
      // The rest of this gesture (the release, the click, the form's submit) goes through too.
      pass(control, kind === "pointer" ? GESTURE_MS * 2 : 0);
      if (v.kind === "fail") notice(failText(v.error));
      return;
    }
    held = { kind, control, fields, events: [], complete: false, settled: false, timer: 0 };
    hold(e);
    held.verdict = v.kind === "block" ? Promise.resolve(v) : fullVerdict(fields);
    if (kind === "pointer") armGesture();
    else finishGesture();
  }

  function armGesture() {
    clearTimeout(held.timer);
    const h0 = held;
    held.timer = setTimeout(() => held === h0 && finishGesture(), GESTURE_MS);
  }

  function finishGesture() {
    const g = held;
    if (!g || g.complete) return;
    g.complete = true;
    clearTimeout(g.timer);
    g.verdict.then(
      (v) => settle(g, v),
      (err) => settle(g, { kind: "fail", error: String(err?.message ?? err) }),
    );
  }

  function settle(g, v) {
    if (g.settled || held !== g) return;
    g.settled = true;
    try {
      if (v.kind === "block") return showDialog(g, v.blocking);
      held = null;
      pass(g.control, 0);
      replay(g.events);
      if (v.kind === "fail") notice(failText(v.error));
    } catch (err) {
      held = null;
      replay(g.events);
      notice(failText(String(err?.message ?? err)));
    }
  }

  function pathHas(e, node) {
    return e.composedPath().includes(node);
  }

  function onPointer(e) {
    if (replaying || !active || !setup || fromUI(e)) return;
    if (held?.kind === "pointer" && !held.complete && pathHas(e, held.control)) {
      hold(e);
      if (e.type === "click") finishGesture();
      else armGesture();
      return;
    }
    if (held && held.complete && !held.settled && pathHas(e, held.control)) {
      // The same send, clicked again while it is checked: swallow it.
      e.stopImmediatePropagation();
      e.preventDefault();
      return;
    }
    if (passing(e)) return;
    if (e.type !== "click" && e.button !== 0) return;
    if (e.type === "pointerup" || e.type === "mouseup") return; // a gesture starts with a press
    let control;
    let fields;
    try {
      control = sendControl(e);
      if (!control) return;
      fields = fieldsFor(control);
    } catch {
      return;
    }
    if (!fields.length) return;
    begin(e, control, fields, e.type === "click" ? "single" : "pointer");
  }

  function onKeydown(e) {
    if (replaying || !active || !setup || fromUI(e) || e.isComposing) return;
    const target = e.composedPath()[0];
    if (e.key === "Enter" && e.altKey && !e.ctrlKey && !e.metaKey) {
      // Alt+Enter with the caret in an underlined passage: its popup, focused (the keyboard's
      // way to the message and the rewrites).
      const session = sessions.get(fieldOf(target));
      const hit = session?.findingAtCaret();
      if (hit) {
        e.preventDefault();
        e.stopImmediatePropagation();
        openCard(session, hit.f, hit.rect, true);
      }
      return;
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      // Ctrl/Cmd+Enter in a compose field: the send shortcut of most mail and help-desk apps.
      const field = fieldOf(target);
      const session = field && sessions.get(field);
      if (session) begin(e, session.el, [session], "single");
      return;
    }
    if ((e.key === "Enter" || e.key === " ") && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Enter or Space on a focused send "button" that is not a <button>: its own key handler
      // sends (a real button turns the key into a click, which is held as a click).
      if (target?.nodeType !== 1 || target.matches("button, input, textarea, select, a[href]") || fieldOf(target)) return;
      if (held || passing(e)) return;
      let control;
      let fields;
      try {
        control = sendControl(e);
        if (!control || control instanceof HTMLButtonElement || control instanceof HTMLInputElement) return;
        fields = fieldsFor(control);
      } catch {
        return;
      }
      if (fields.length) begin(e, control, fields, "single");
    }
  }

  function onSubmit(e) {
    if (replaying || !active || !setup) return;
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (passed && performance.now() <= passed.until && (deepContains(form, passed.control) || passed.control === form)) return;
    const fields = [...sessions.values()].filter((s) => s.el.form === form || form.contains(s.el));
    if (!fields.length) return;
    begin(e, form, fields, "single");
  }

  // ---------------------------------------------------------------------------------------------
  // The dialog: Edit, or Send anyway
  // ---------------------------------------------------------------------------------------------

  function showDialog(g, blocking) {
    ensureUI();
    closeCard();
    const before = document.activeElement;
    const count = blocking.length;
    const titleId = "tonelint-dialog-title";
    const descId = "tonelint-dialog-desc";
    const level = setup.failOn;
    const items = blocking.slice(0, 12).map(({ f, text }) => {
      const words = text.slice(f.start, f.end).replace(/\s+/g, " ").trim();
      return h(
        "li",
        { class: f.severity },
        h("span", { class: `sev ${f.severity}` }, f.severity),
        " ",
        words ? h("q", {}, words.length > 90 ? `${words.slice(0, 90)}…` : words) : null,
        words ? " — " : null,
        f.message,
      );
    });
    const edit = h("button", { class: "edit", type: "button" }, "Edit");
    const anyway = h("button", { class: "anyway", type: "button" }, "Send anyway");
    const dialog = h(
      "div",
      { class: "dialog font", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, "aria-describedby": descId },
      h("h2", { id: titleId }, count === 1 ? "This reply may hurt: 1 thing to look at" : `This reply may hurt: ${count} things to look at`),
      h(
        "p",
        { id: descId },
        `Nothing has been sent. tonelint found ${count === 1 ? "this" : "these"} at or above “${level}” in your reply.`,
      ),
      h("ul", {}, items),
      count > items.length ? h("p", {}, `… and ${count - items.length} more.`) : null,
      h("div", { class: "buttons" }, anyway, edit),
    );
    const backdrop = h("div", { class: "backdrop" }, dialog);
    ui.root.append(backdrop);
    edit.focus();

    const close = () => {
      backdrop.remove();
      document.removeEventListener("keydown", trap, true);
    };
    const trap = (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopImmediatePropagation();
        onEdit();
      } else if (e.key === "Tab") {
        e.preventDefault();
        e.stopImmediatePropagation();
        (ui.root.activeElement === edit ? anyway : edit).focus();
      }
    };
    document.addEventListener("keydown", trap, true);
    const onEdit = () => {
      close();
      held = null;
      const first = blocking[0];
      const el = first.session.el;
      el.focus({ preventScroll: false });
      try {
        if (first.session.textarea) el.setSelectionRange(first.f.start, first.f.end);
        else {
          const mark = first.session.marks.find((m) => m.f === first.f);
          if (mark) {
            const selection = getSelection();
            selection.removeAllRanges();
            selection.addRange(mark.range);
          }
        }
      } catch {
        // Focus is enough.
      }
    };
    const onAnyway = () => {
      close();
      held = null;
      pass(g.control, 0);
      if (before && before !== document.body && before.isConnected) before.focus?.({ preventScroll: true });
      replay(g.events);
    };
    edit.addEventListener("click", onEdit);
    anyway.addEventListener("click", onAnyway);
  }

  // ---------------------------------------------------------------------------------------------
  // The toolbar popup asks what this page is; settings changes restart the script
  // ---------------------------------------------------------------------------------------------

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type !== "tonelint-site" || window !== window.top) return false;
    let findings = 0;
    for (const s of sessions.values()) findings += s.result?.findings?.length ?? 0;
    sendResponse({
      host: new URL(pageUrl()).hostname,
      active,
      profile: setup?.profile ? { id: setup.profile.id, name: setup.profile.name ?? setup.profile.id } : null,
      fields: sessions.size,
      findings,
    });
    return false;
  });

  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync" && alive()) start();
  });

  // The send listeners go on the window, in the capture phase, before any script of the page has
  // run (document_start): no handler of the page sees a send before the check does. Until the
  // settings say the site is on, they do nothing.
  for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
    window.addEventListener(type, onPointer, true);
  }
  window.addEventListener("keydown", onKeydown, true);
  window.addEventListener("submit", onSubmit, true);

  // A worker that could not answer at first: try again when a field is focused.
  document.addEventListener(
    "focusin",
    () => {
      if (!setup && alive() && Date.now() - lastSetupTry > 10000) start();
    },
    true,
  );

  start();
})();
