// Just enough Markdown for `explain`'s output: `## ` sections, paragraphs, indented code blocks,
// lists, and inline code and emphasis. Everything is escaped first: the rule text of a team's own
// pack (from the config box) is text, never markup.

export function escape(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function inline(s) {
  return escape(s)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1");
}

/** The `## ` sections of a Markdown text: { heading: body }, and "" for what precedes them. */
export function sections(md) {
  const out = { "": "" };
  let current = "";
  for (const line of (md ?? "").split("\n")) {
    const m = /^##\s+(.*)$/.exec(line);
    if (m) {
      current = m[1].trim();
      out[current] = "";
    } else out[current] += line + "\n";
  }
  return out;
}

/** Renders Markdown to HTML (the subset above); `level` is the level of `##` headings. */
export function render(md, level = 4) {
  const blocks = [];
  let para = [];
  let code = null;
  let list = null;
  const flush = () => {
    if (para.length) blocks.push(`<p>${inline(para.join(" "))}</p>`);
    para = [];
    if (list) blocks.push(`<ul>${list.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`);
    list = null;
  };
  const endCode = () => {
    if (code) blocks.push(`<pre><code>${escape(code.join("\n").replace(/\n+$/, ""))}</code></pre>`);
    code = null;
  };
  for (const line of (md ?? "").split("\n")) {
    if (/^( {4}|\t)/.test(line) && !para.length && !list) {
      code ??= [];
      code.push(line.replace(/^( {4}|\t)/, ""));
      continue;
    }
    if (code && line.trim() === "") {
      code.push("");
      continue;
    }
    endCode();
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const n = Math.min(6, h[1].length - 2 + level);
      blocks.push(`<h${n}>${inline(h[2])}</h${n}>`);
    } else if (/^\s*[-*]\s+/.test(line)) {
      if (para.length) flush();
      list ??= [];
      list.push(line.replace(/^\s*[-*]\s+/, ""));
    } else if (line.trim() === "") flush();
    else if (list && /^\s+/.test(line)) list[list.length - 1] += " " + line.trim();
    else para.push(line.trim());
  }
  endCode();
  flush();
  return blocks.join("\n");
}
