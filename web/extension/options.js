// The options page: sites, the level that holds Send, rule selection, the team's rule pack
// (checked by the engine itself, errors with line and column) and custom site profiles. Saved to
// chrome.storage.sync (see settings.js); the content scripts pick the change up at once.
import init, { lint, rules } from "./pkg/tonelint.js";
import { DEFAULTS, loadSettings, saveSettings, builtinProfiles, checkProfiles } from "./settings.js";

const $ = (id) => document.getElementById(id);
const engine = init();
let settings = { ...DEFAULTS };
let builtins = [];

const words = (s) =>
  s
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);

function validSelector(s) {
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
}

function setStatus(id, text, ok) {
  const el = $(id);
  el.textContent = text;
  el.classList.toggle("error", ok === false);
  el.classList.toggle("ok", ok === true);
}

/** "tonelint.toml:3:4: message" → "Line 3, column 4: message". */
function describe(message) {
  const m = /^tonelint\.toml:(\d+):(\d+): ([\s\S]*)$/.exec(message);
  return m ? `Line ${m[1]}, column ${m[2]}: ${m[3]}` : message;
}

/** Checks the rule pack and the rule options with the engine; null when all is well. */
async function checkRules() {
  await engine;
  const pack = $("pack").value;
  const config = pack.trim() ? pack : undefined;
  let packError = null;
  try {
    lint("Hi,\n\nThanks.\n", { config });
    const own = config ? rules({ config }).filter((r) => !BUILTIN_PACKS.has(r.pack)) : [];
    const packs = [...new Set(own.map((r) => r.pack))];
    setStatus(
      "pack-status",
      config
        ? `OK: ${own.length} rule${own.length === 1 ? "" : "s"} of your own${packs.length ? ` (pack ${packs.join(", ")})` : ""}.`
        : "No rules of your own.",
      true,
    );
  } catch (e) {
    packError = describe(e.message);
    setStatus("pack-status", packError, false);
  }
  let rulesError = null;
  const options = { config: packError ? undefined : config };
  const select = words($("select").value);
  const ignore = words($("ignore").value);
  if (select.length) options.select = select;
  if (ignore.length) options.ignore = ignore;
  const confidence = $("minConfidence").value.trim();
  if (confidence) options.minConfidence = Number(confidence);
  try {
    lint("Hi,\n\nThanks.\n", options);
    const enabled = rules(options).filter((r) => r.enabled).length;
    setStatus("rules-status", `${enabled} rules on.`, true);
  } catch (e) {
    rulesError = describe(e.message.replace(/^command line: /, ""));
    setStatus("rules-status", rulesError, false);
  }
  fillRuleTable(packError ? {} : { config });
  return packError || rulesError ? { packError, rulesError } : null;
}

let BUILTIN_PACKS = new Set();

function fillRuleTable(options) {
  const body = $("rule-table").tBodies[0];
  body.replaceChildren();
  let list = [];
  try {
    list = rules(options);
  } catch {
    return;
  }
  for (const r of list) {
    const tr = document.createElement("tr");
    for (const text of [r.code, r.severity, r.summary]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    tr.firstChild.classList.add("code");
    body.append(tr);
  }
}

/** Checks the custom profiles; the problems, or [] when they are fine. */
function checkCustomProfiles() {
  const text = $("profiles").value;
  if (!text.trim()) {
    setStatus("profiles-status", "No profiles of your own.", true);
    return [];
  }
  let list;
  try {
    list = JSON.parse(text);
  } catch (e) {
    const problem = `Not JSON: ${e.message}`;
    setStatus("profiles-status", problem, false);
    return [problem];
  }
  const problems = checkProfiles(list, validSelector);
  if (problems.length) setStatus("profiles-status", problems.join("\n"), false);
  else setStatus("profiles-status", `OK: ${list.length} profile${list.length === 1 ? "" : "s"}.`, true);
  return problems;
}

function renderSites() {
  const list = $("profile-list");
  list.replaceChildren();
  for (const p of builtins) {
    const li = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.profile = p.id;
    box.checked = !settings.disabledProfiles.includes(p.id);
    box.addEventListener("change", () => {
      const off = new Set(settings.disabledProfiles);
      box.checked ? off.delete(p.id) : off.add(p.id);
      settings.disabledProfiles = [...off];
      dirty();
    });
    const small = document.createElement("small");
    small.textContent = p.matches.join("  ");
    label.append(box, ` ${p.name} `, small);
    li.append(label);
    list.append(li);
  }
  const hosts = $("host-list");
  hosts.replaceChildren();
  if (!settings.disabledHosts.length) {
    const li = document.createElement("li");
    li.className = "hint";
    li.textContent = "None.";
    hosts.append(li);
  }
  for (const host of settings.disabledHosts) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Turn back on";
    button.addEventListener("click", () => {
      settings.disabledHosts = settings.disabledHosts.filter((h) => h !== host);
      renderSites();
      dirty();
    });
    li.append(`${host} `, button);
    hosts.append(li);
  }
}

function dirty() {
  setStatus("saved", "Not saved yet.", null);
}

async function save() {
  const problems = checkCustomProfiles();
  const ruleProblems = await checkRules();
  if (problems.length || ruleProblems) {
    setStatus("saved", "Not saved: fix the errors above first.", false);
    const first = ruleProblems?.packError ? "pack" : ruleProblems ? "select" : "profiles";
    $(first).focus();
    return;
  }
  const confidence = $("minConfidence").value.trim();
  const next = {
    enabled: $("enabled").checked,
    failOn: $("failOn").value,
    select: words($("select").value),
    ignore: words($("ignore").value),
    minConfidence: confidence ? Number(confidence) : null,
    disabledHosts: settings.disabledHosts,
    disabledProfiles: settings.disabledProfiles,
    pack: $("pack").value,
    profiles: $("profiles").value,
  };
  try {
    await saveSettings(next);
    settings = { ...settings, ...next };
    setStatus("saved", "Saved.", true);
  } catch (e) {
    setStatus("saved", `Not saved: ${e.message}`, false);
  }
}

async function load() {
  settings = await loadSettings();
  builtins = await builtinProfiles();
  $("enabled").checked = settings.enabled;
  $("failOn").value = settings.failOn;
  $("select").value = settings.select.join(", ");
  $("ignore").value = settings.ignore.join(", ");
  $("minConfidence").value = settings.minConfidence ?? "";
  $("pack").value = settings.pack;
  $("profiles").value = settings.profiles;
  renderSites();
  await engine;
  BUILTIN_PACKS = new Set(rules().map((r) => r.pack));
  await checkRules();
  checkCustomProfiles();
  document.body.dataset.ready = "true";
}

let timer = 0;
const later = (f) => {
  clearTimeout(timer);
  timer = setTimeout(f, 250);
};
for (const id of ["pack", "select", "ignore", "minConfidence"]) {
  $(id).addEventListener("input", () => {
    dirty();
    later(checkRules);
  });
}
$("profiles").addEventListener("input", () => {
  dirty();
  later(checkCustomProfiles);
});
for (const id of ["enabled", "failOn"]) $(id).addEventListener("change", dirty);
$("host-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const host = $("host-input").value.trim().replace(/^[a-z]+:\/\//i, "").replace(/[/:].*$/, "").toLowerCase();
  if (!host) return;
  settings.disabledHosts = [...new Set([...settings.disabledHosts, host])];
  $("host-input").value = "";
  renderSites();
  dirty();
});
$("save").addEventListener("click", save);
document.addEventListener("keydown", (e) => {
  if (e.key === "s" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    save();
  }
});
load().catch((e) => setStatus("saved", `Could not load the settings: ${e.message}`, false));
