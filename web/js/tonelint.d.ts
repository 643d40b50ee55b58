// The JavaScript API of tonelint's WebAssembly package (see web/README.md).

/** Where something is in the text: UTF-16 code units of the JS string, and UTF-8 bytes. */
export interface Place {
  /** Start, in UTF-16 code units: what `text.slice(start, end)` takes. */
  start: number;
  end: number;
  /** Start, in UTF-8 bytes, as in `tonelint check --format json`. */
  byteStart: number;
  byteEnd: number;
}

export interface Edit extends Place {
  /** The new text (empty: a deletion; an empty place: an insertion). */
  replacement: string;
}

export interface Suggestion {
  /** `safe`: mechanical, keeps the meaning; `review`: a rewrite to read first; `advice`: no edit. */
  applicability: "safe" | "review" | "advice";
  title: string;
  edits: Edit[];
  /** The sentence a rewrite changes, before and after; null for insertions and advice. */
  sentence: { before: string; after: string } | null;
}

export interface Finding extends Place {
  /** `category/id`, e.g. `condescension/rtfm`. */
  code: string;
  rule: string;
  category: string;
  severity: "error" | "warning" | "info";
  /** How sure the rule is, 0–1. */
  confidence: number;
  message: string;
  /** 1-based line and column (Unicode characters) of `start`. */
  line: number;
  column: number;
  zone: "subject" | "greeting" | "opening" | "body" | "closing";
  note: string | null;
  suggestions: Suggestion[];
}

export interface Driver extends Place {
  /** What the sentence adds to the warmth: negative for a finding, positive for a warm cue. */
  contribution: number;
  kind: "finding" | "cue";
  /** The finding's code, or the cue (`acknowledgement`, `apology`, `owned-action`, `offer`, `open-door`, `thanks`). */
  reason: string;
  sentence: string;
}

export interface Scorecard {
  /** 1-based. */
  reply: number;
  /** 0–100: `base` plus every contribution, clamped. */
  warmth: number;
  base: number;
  penalty: number;
  bonus: number;
  /** Findings per category, every category of the enabled rules included. */
  counts: Record<string, number>;
  /** Every finding and counted cue, the largest contribution first. */
  drivers: Driver[];
}

export interface Options {
  /** How to read the text (default `text`). */
  format?: "text" | "markdown" | "email" | "html" | "json" | "commit";
  /** The client's message the reply answers, when the reply does not quote it. */
  context?: string;
  /** The text of a `tonelint.toml`; a team's own rules may be defined in it (`[pack]`, `[[rule]]`). */
  config?: string;
  /** Rule selectors (ids, categories, `category/id`, prefixes), over the configuration's. */
  select?: string[];
  ignore?: string[];
  failOn?: "error" | "warning" | "info";
  minConfidence?: number;
  /** The name findings are reported for (default `reply`). */
  path?: string;
}

export interface LintResult {
  findings: Finding[];
  /** The scorecard of the (first) reply. */
  scorecard: Scorecard | null;
  /** One per reply (a text of several replies has several). */
  scorecards: Scorecard[];
}

export interface FixResult {
  text: string;
  /** The codes of the findings fixed. */
  fixed: string[];
  /** The findings left in `text`. */
  findings: Finding[];
}

export interface Rule {
  id: string;
  code: string;
  category: string;
  pack: string;
  kind: string;
  severity: "error" | "warning" | "info";
  confidence: number;
  summary: string;
  enabled: boolean;
  fixes: ("safe" | "review" | "advice")[];
}

/** Loads the module (`tonelint_bg.wasm` beside this file, or `input`). */
export default function init(
  input?: string | URL | Response | BufferSource | WebAssembly.Module | Promise<Response>,
): Promise<void>;
export function lint(text: string, options?: Options): LintResult;
export function applyFixes(text: string, options?: Options & { unsafe?: boolean }): FixResult;
export function rules(options?: Options): Rule[];
export function explain(id: string, options?: Options): string | null;
export function version(): string;
