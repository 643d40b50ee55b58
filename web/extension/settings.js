// What the service worker, the options page and the toolbar popup share: the settings (kept in
// chrome.storage.sync), the site profiles and how a page's address picks one.
//
// storage.sync holds at most 8 KB per item and 100 KB in all, so the long texts (the team's rule
// pack, the custom profiles) are stored in chunks: `pack#` is the number of chunks, `pack#0`,
// `pack#1`, … the chunks.

/** The settings before the user changes anything. */
export const DEFAULTS = Object.freeze({
  /** Checks on every site (a site or profile can still be turned off). */
  enabled: true,
  /** Findings at or above this hold Send: "error", "warning", "info", or "off" (never hold). */
  failOn: "warning",
  /** Rule selectors over the configuration's, as `--select` / `--ignore`. */
  select: [],
  ignore: [],
  /** Findings below this confidence are left out; null: the engine's default. */
  minConfidence: null,
  /** Host names where the extension does nothing (`mail.google.com`). */
  disabledHosts: [],
  /** Ids of built-in or custom profiles turned off (`default` turns off every unlisted site). */
  disabledProfiles: [],
  /** The team's own rules: a `tonelint.toml`, or a rule pack (`[pack]`, `[[rule]]`), as text. */
  pack: "",
  /** The user's own site profiles, as JSON text (an array of profiles, see profiles.json). */
  profiles: "",
});

const LONG = ["pack", "profiles"];
const SHORT = Object.keys(DEFAULTS).filter((k) => !LONG.includes(k));
const CHUNK_CHARS = 2000;
const ITEM_BYTES = 8000;

/** Reads the settings, the defaults filled in. */
export async function loadSettings(storage = chrome.storage.sync) {
  const all = await storage.get(null);
  const settings = { ...DEFAULTS };
  for (const k of SHORT) if (all[k] !== undefined) settings[k] = all[k];
  for (const k of LONG) {
    const n = all[`${k}#`];
    if (typeof n !== "number") continue;
    let text = "";
    for (let i = 0; i < n; i++) text += all[`${k}#${i}`] ?? "";
    settings[k] = text;
  }
  return settings;
}

/** Splits `text` into chunks each of which fits one storage.sync item. */
function chunks(key, text) {
  const out = [];
  const bytes = (s) => new TextEncoder().encode(JSON.stringify(s)).length + key.length + 8;
  let i = 0;
  while (i < text.length) {
    let size = CHUNK_CHARS;
    let piece = text.slice(i, i + size);
    while (bytes(piece) > ITEM_BYTES && size > 16) {
      size = Math.floor(size / 2);
      piece = text.slice(i, i + size);
    }
    // Never split a surrogate pair.
    const last = piece.charCodeAt(piece.length - 1);
    if (last >= 0xd800 && last <= 0xdbff && i + piece.length < text.length) piece = piece.slice(0, -1);
    out.push(piece);
    i += piece.length;
  }
  return out;
}

/** Writes some settings (the others stay as they are). */
export async function saveSettings(partial, storage = chrome.storage.sync) {
  const items = {};
  const stale = [];
  const all = await storage.get(null);
  for (const [k, v] of Object.entries(partial)) {
    if (!(k in DEFAULTS)) throw new Error(`unknown setting ${k}`);
    if (!LONG.includes(k)) {
      items[k] = v;
      continue;
    }
    const parts = chunks(k, v ?? "");
    items[`${k}#`] = parts.length;
    parts.forEach((p, i) => (items[`${k}#${i}`] = p));
    for (let i = parts.length; i < (all[`${k}#`] ?? 0); i++) stale.push(`${k}#${i}`);
  }
  await storage.set(items);
  if (stale.length) await storage.remove(stale);
}

/** The built-in profiles (profiles.json beside this file). */
export async function builtinProfiles() {
  const response = await fetch(new URL("profiles.json", import.meta.url));
  const { profiles } = await response.json();
  return profiles;
}

/** The custom profiles of the settings, or [] (a broken text is reported by the options page). */
export function customProfiles(settings) {
  if (!settings.profiles?.trim()) return [];
  try {
    const parsed = JSON.parse(settings.profiles);
    return Array.isArray(parsed) ? parsed.filter((p) => p && typeof p === "object") : [];
  } catch {
    return [];
  }
}

const SELECTOR_LISTS = ["fields", "ignoreFields", "send", "context", "quote", "quoteAfter", "composer"];

/**
 * Checks custom profiles: a list of problems, each a string naming the profile (empty when all is
 * well). `validSelector`, when given, says whether a CSS selector parses (the options page has a
 * document to ask).
 */
export function checkProfiles(list, validSelector) {
  const problems = [];
  if (!Array.isArray(list)) return ["the profiles must be a JSON array: [ { … }, … ]"];
  list.forEach((p, i) => {
    const name = `profile ${i + 1}${p && typeof p.id === "string" ? ` (${p.id})` : ""}`;
    if (!p || typeof p !== "object" || Array.isArray(p)) {
      problems.push(`${name}: not an object`);
      return;
    }
    if (typeof p.id !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(p.id)) {
      problems.push(`${name}: "id" must be lowercase letters, digits and dashes`);
    }
    if (!Array.isArray(p.matches) || !p.matches.length || p.matches.some((m) => typeof m !== "string" || !m)) {
      problems.push(`${name}: "matches" must be a list of address patterns ("help.example.com/*")`);
    }
    for (const k of Object.keys(p)) {
      if (!["id", "name", "matches", "sendNames", "notes", ...SELECTOR_LISTS].includes(k)) {
        problems.push(`${name}: unknown key "${k}"`);
      }
    }
    for (const k of [...SELECTOR_LISTS, "sendNames"]) {
      if (p[k] === undefined) continue;
      if (!Array.isArray(p[k]) || p[k].some((s) => typeof s !== "string")) {
        problems.push(`${name}: "${k}" must be a list of strings`);
        continue;
      }
      if (k === "sendNames" || !validSelector) continue;
      for (const s of p[k]) if (!validSelector(s)) problems.push(`${name}: "${k}": not a CSS selector: ${s}`);
    }
  });
  return problems;
}

/** A pattern `host[:port]/path` with `*` wildcards, as a RegExp on `host + pathname`. */
export function patternToRegExp(pattern) {
  let p = pattern.trim().replace(/^[a-z*]+:\/\//i, "");
  if (!p.includes("/")) p += "/*";
  const body = p
    .split("*")
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  // A host without a port matches that host on any port.
  const slash = body.indexOf("/");
  const host = body.slice(0, slash);
  const port = /:(\d+|\.\*)$/.test(host) ? "" : "(?::\\d+)?";
  return new RegExp(`^${host}${port}${body.slice(slash)}$`, "i");
}

/** Whether `profile` is for the page at `url` (a URL). */
export function profileMatches(profile, url) {
  const where = `${url.host}${url.pathname}`;
  return (profile.matches ?? []).some((m) => m === "*" || patternToRegExp(m).test(where));
}

const unique = (...lists) => [...new Set(lists.flat().filter(Boolean))];

/**
 * The profile for `url`: the first custom profile that matches, else the first built-in one,
 * merged over the generic default (`id: "default"`), which supplies what the site's leaves out.
 */
export function profileFor(url, builtins, custom) {
  const generic = builtins.find((p) => p.id === "default") ?? { id: "default", matches: ["*"] };
  const site =
    custom.find((p) => profileMatches(p, url)) ??
    builtins.find((p) => p.id !== "default" && profileMatches(p, url)) ??
    null;
  if (!site) return { ...generic, custom: false };
  return {
    id: site.id,
    name: site.name ?? site.id,
    custom: custom.includes(site),
    fields: unique(site.fields),
    ignoreFields: unique(generic.ignoreFields, site.ignoreFields),
    send: unique(site.send, generic.send),
    sendNames: site.sendNames ?? generic.sendNames ?? [],
    context: unique(site.context),
    quote: unique(generic.quote, site.quote),
    quoteAfter: unique(generic.quoteAfter, site.quoteAfter),
    composer: unique(site.composer),
  };
}

/** Whether the extension works on the page at `url`, given the settings and its profile. */
export function siteEnabled(settings, url, profile) {
  if (!settings.enabled) return false;
  if (settings.disabledHosts.includes(url.hostname)) return false;
  return !settings.disabledProfiles.includes(profile.id);
}

/** The engine's options for the settings (what `lint` takes besides `format` and `context`). */
export function lintOptions(settings) {
  const options = {};
  if (settings.pack.trim()) options.config = settings.pack;
  if (settings.select.length) options.select = settings.select;
  if (settings.ignore.length) options.ignore = settings.ignore;
  if (typeof settings.minConfidence === "number") options.minConfidence = settings.minConfidence;
  return options;
}

/** Severity order: a finding holds Send when its rank is at least the fail-on level's. */
export const RANK = { info: 1, warning: 2, error: 3, off: 99 };

/** The "## Why is this bad?" section of `explain`'s Markdown, as one paragraph of text. */
export function whySection(markdown) {
  if (!markdown) return "";
  const m = /^## Why is this bad\?\s*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown);
  if (!m) return "";
  return m[1]
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
}
