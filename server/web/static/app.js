// Demo page of extractd: sends the text to POST /v1/extract and shows what
// came back. Offsets are requested in UTF-16 code units, the unit of
// JavaScript strings, so text.slice(begin, end) is exactly a span's text.
"use strict";

(function () {
  const TYPES = {
    PER: { key: "people", name: "Person" },
    LOC: { key: "places", name: "Place" },
    ORG: { key: "organizations", name: "Organization" },
    CUSTOM: { key: "customEntities", list: "custom", name: "Your type" },
  };

  // gRPC status code names, for error messages.
  const CODES = [
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
    "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
  ];

  const $ = (id) => document.getElementById(id);
  const form = $("form");
  const input = $("text");
  const button = $("extract");
  const errorBox = $("error");
  const statusLine = $("status");
  const results = $("results");
  const doc = $("doc");
  const tip = $("tip");
  const info = $("text-info");
  const dictInput = $("dictionary");
  const dictInfo = $("dict-info");

  // What the last extraction showed: entities by id, money and quotes by
  // index, for the tooltip and the panels.
  let shown = { entities: new Map(), money: [], quotes: [] };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k === "width") e.style.width = v; // CSSOM: allowed by the page's CSP, a style attribute is not
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  function span(x) {
    const s = (x && x.span) || {};
    return { begin: s.begin || 0, end: s.end || 0 };
  }

  function pct(x) {
    return (Math.round((x || 0) * 1000) / 10).toFixed(1) + "%";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // updateInfo shows the length of the text in characters and UTF-8 bytes
  // (the server's limit counts bytes).
  function updateInfo() {
    const bytes = new TextEncoder().encode(input.value).length;
    info.textContent = input.value.length.toLocaleString("en-US") + " characters, " +
      bytes.toLocaleString("en-US") + " bytes";
  }

  // formatDecimal writes units + nanos/1e9 exactly: units is an int64,
  // which protobuf JSON sends as a string, and nanos has the same sign.
  function formatDecimal(m) {
    let units = String(m.units ?? "0");
    let nanos = Number(m.nanos || 0);
    let neg = false;
    if (units.startsWith("-")) { neg = true; units = units.slice(1); }
    if (nanos < 0) { neg = true; nanos = -nanos; }
    units = units.replace(/^0+(?=\d)/, "");
    const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    let frac = String(nanos).padStart(9, "0").replace(/0+$/, "");
    if (frac.length === 1) frac += "0";
    return (neg ? "-" : "") + grouped + (frac ? "." + frac : "");
  }

  function formatMoney(a) {
    const amount = a.amount || {};
    const code = amount.currencyCode || "???";
    let s = code + " " + formatDecimal(amount);
    if (a.upper) s += " – " + formatDecimal(a.upper);
    return s;
  }

  // showError shows message, or hides the error box when it is empty. The
  // results of an earlier text are hidden with an error, so that they are
  // not taken for this text's.
  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
    if (message) results.hidden = true;
  }

  // parseDictionary turns the dictionary box's lines into the request's
  // DictionaryEntry list: JSON Lines (the file format's fields), or
  // tab-separated lines after a header line naming the columns. It throws
  // an Error naming the line at fault.
  function parseDictionary(src) {
    const entries = [];
    let header = null; // the header's column names, lower-cased
    let names = null; // and as written, for metadata keys
    src.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith("#")) return;
      const where = "dictionary line " + (i + 1) + ": ";
      if (line.startsWith("{")) {
        let o;
        try { o = JSON.parse(line); } catch (e) { throw new Error(where + e.message); }
        const e = { phrases: [], type: String(o.type || "") };
        if (o.phrase) e.phrases.push(String(o.phrase));
        for (const k of ["phrases", "aliases"]) for (const p of o[k] || []) e.phrases.push(String(p));
        if (o.pattern) e.pattern = String(o.pattern);
        if (o.name) e.name = String(o.name);
        const id = o.id ?? o.external_id ?? o.externalId;
        if (id !== undefined && id !== null) e.externalId = String(id);
        if (o.metadata) e.metadata = Object.fromEntries(Object.entries(o.metadata).map(([k, v]) => [k, String(v)]));
        if (o.case_sensitive || o.caseSensitive) e.caseSensitive = true;
        entries.push(e);
        return;
      }
      const cells = raw.split("\t").map((c) => c.trim());
      if (!header) {
        names = cells;
        header = cells.map((c) => c.toLowerCase());
        if (!header.includes("type")) throw new Error(where + "the first tab-separated line must name the columns, type among them");
        return;
      }
      const e = { phrases: [], type: "" };
      cells.forEach((c, j) => {
        const col = header[j];
        if (!c || col === undefined) return;
        switch (col) {
          case "phrase": case "phrases": e.phrases.unshift(c); break;
          case "aliases": case "alias": for (const a of c.split("|")) if (a.trim()) e.phrases.push(a.trim()); break;
          case "pattern": e.pattern = c; break;
          case "type": e.type = c; break;
          case "name": e.name = c; break;
          case "id": case "external_id": e.externalId = c; break;
          case "case_sensitive": e.caseSensitive = /^(true|yes|1|y|t)$/i.test(c); break;
          default: (e.metadata = e.metadata || {})[names[j]] = c;
        }
      });
      entries.push(e);
    });
    return entries;
  }

  function updateDictInfo() {
    try {
      const n = parseDictionary(dictInput.value).length;
      dictInfo.textContent = n ? "(" + plural(n, "entry", "entries") + ")" : "";
    } catch (e) {
      dictInfo.textContent = "(" + e.message + ")";
    }
  }

  async function extract(text) {
    showError("");
    let dictionary;
    try {
      dictionary = parseDictionary(dictInput.value);
    } catch (e) {
      showError(e.message);
      return;
    }
    button.disabled = true;
    statusLine.textContent = "Extracting…";
    const started = performance.now();
    let res;
    try {
      res = await fetch("/v1/extract", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(dictionary.length
          ? { text, encodingType: "ENCODING_TYPE_UTF16", dictionary }
          : { text, encodingType: "ENCODING_TYPE_UTF16" }),
      });
    } catch (e) {
      button.disabled = false;
      statusLine.textContent = "";
      showError("Could not reach the server: " + e.message);
      return;
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    button.disabled = false;
    const ms = Math.round(performance.now() - started);
    if (!res.ok || !body) {
      statusLine.textContent = "";
      let msg = (body && body.message) || res.statusText || "no details";
      const code = body && typeof body.code === "number" ? CODES[body.code] || "code " + body.code : "";
      showError("The server could not analyse this text: " + msg +
        " (HTTP " + res.status + (code ? ", " + code : "") + ")");
      return;
    }
    render(text, body);
    const n = (k) => (body[k] || []).length;
    statusLine.textContent = "Found " + [
      plural(n("people"), "person", "people"),
      plural(n("places"), "place", "places"),
      plural(n("organizations"), "organization", "organizations"),
      plural(n("money"), "amount of money", "amounts of money"),
      plural(n("quotes"), "quotation", "quotations"),
    ].concat(n("customEntities") ? [plural(n("customEntities"), "entity of your types", "entities of your types")] : [])
      .join(", ") + " in " + ms + " ms.";
  }

  // nonOverlapping keeps, of spans sorted by begin (longest first), those
  // that do not overlap one kept before.
  function nonOverlapping(items, length) {
    items.sort((a, b) => a.begin - b.begin || b.end - a.end);
    const kept = [];
    let last = 0;
    for (const it of items) {
      if (it.begin >= last && it.end > it.begin && it.end <= length) {
        kept.push(it);
        last = it.end;
      }
    }
    return kept;
  }

  function render(text, r) {
    shown = { entities: new Map(), money: r.money || [], quotes: r.quotes || [] };
    const marks = [];
    for (const [type, t] of Object.entries(TYPES)) {
      for (const ent of r[t.key] || []) {
        ent.customType = ent.type;
        ent.type = type;
        shown.entities.set(ent.id, ent);
        for (const m of ent.mentions || []) {
          marks.push({ ...span(m), type, entity: ent.id, mention: m });
        }
      }
    }
    shown.money.forEach((a, i) => marks.push({ ...span(a), type: "MONEY", money: i }));
    const quotes = shown.quotes.map((q, i) => ({ ...span(q), index: i }));
    renderText(text, nonOverlapping(marks, text.length), nonOverlapping(quotes, text.length));
    for (const t of Object.values(TYPES)) renderEntities(t.list || t.key, r[t.key] || []);
    renderMoney(shown.money);
    renderQuotes(shown.quotes);
    results.hidden = false;
  }

  // renderText writes the text into #doc with each mark in a <mark> and
  // each quotation in a <span class="quote">, so that #doc's textContent is
  // exactly the text. A mark that crosses a quotation's edge is split.
  function renderText(text, marks, quotes) {
    const cuts = new Set([0, text.length]);
    for (const s of marks.concat(quotes)) { cuts.add(s.begin); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    let qi = 0, mi = 0;
    let qEl = null, qCur = null, mEl = null, mCur = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      while (qi < quotes.length && quotes[qi].end <= a) qi++;
      while (mi < marks.length && marks[mi].end <= a) mi++;
      const q = qi < quotes.length && quotes[qi].begin <= a ? quotes[qi] : null;
      const m = mi < marks.length && marks[mi].begin <= a ? marks[mi] : null;
      if (q !== qCur) {
        qCur = q;
        qEl = q ? el("span", { class: "quote", id: "quote-" + q.index, "data-quote": q.index, tabindex: "-1" }) : null;
        if (qEl) frag.append(qEl);
        mCur = null;
      }
      const parent = qEl || frag;
      if (m !== mCur) {
        mCur = m;
        mEl = m ? markElement(m) : null;
        if (mEl) parent.append(mEl);
      }
      (mEl || parent).append(text.slice(a, b));
    }
    doc.replaceChildren(frag);
  }

  // Mention kinds other than a name, by their API value.
  const MENTION_KINDS = { MENTION_KIND_NOMINAL: "nominal", MENTION_KIND_PRONOUN: "pronoun" };

  function markElement(m) {
    const attrs = { class: "t-" + m.type, "data-label": m.type, tabindex: "0" };
    if (m.entity !== undefined) {
      attrs["data-entity"] = m.entity;
      if (m.type === "CUSTOM") attrs["data-name"] = shown.entities.get(m.entity).customType; // shown instead of the label
      attrs["data-confidence"] = String(m.mention.confidence || 0);
      const kind = MENTION_KINDS[m.mention.kind];
      if (kind) {
        // A description or pronoun: the entity's label, in the lighter style.
        attrs.class += " k-" + kind;
        attrs["data-kind"] = kind;
      }
    } else {
      attrs["data-money"] = String(m.money);
    }
    return el("mark", attrs);
  }

  function renderEntities(key, ents) {
    const list = $("list-" + key);
    $("n-" + key).textContent = "(" + ents.length + ")";
    if (!ents.length) {
      list.replaceChildren(el("li", { class: "empty", text: "None found" }));
      return;
    }
    list.replaceChildren(...ents.map((e) => {
      const n = (e.mentions || []).length;
      const btn = el("button", {
        type: "button", class: "item", "data-entity": e.id, "aria-pressed": "false",
        "aria-label": e.name + ", " + plural(n, "mention", "mentions") + "; show in the text",
      }, el("span", { class: "name", text: e.name }), el("span", { class: "count", text: String(n) }));
      const meta = el("span", { class: "meta" },
        el("span", { class: "bar", width: Math.max(2, Math.round((e.salience || 0) * 120)) + "px", "aria-hidden": "true" }),
        (key === "custom" ? e.customType + " · " : "") +
        "salience " + pct(e.salience) + " · confidence " + pct(e.confidence) +
        ((e.roles || []).length ? " · " + e.roles.join(", ") : "") +
        (e.link && e.link.externalId ? " · id " + e.link.externalId : ""));
      return el("li", {}, btn, meta);
    }));
  }

  function renderMoney(money) {
    const list = $("list-money");
    $("n-money").textContent = "(" + money.length + ")";
    if (!money.length) {
      list.replaceChildren(el("li", { class: "empty", text: "None found" }));
      return;
    }
    list.replaceChildren(...money.map((a, i) => {
      const btn = el("button", { type: "button", class: "item", "data-money": String(i), "aria-label": a.text + ": " + formatMoney(a) + "; show in the text" },
        el("span", { class: "name", text: a.text }), el("span", { class: "value", text: formatMoney(a) }));
      const li = el("li", {}, btn);
      if (a.approximate) li.append(el("span", { class: "meta", text: "approximate" }));
      if (a.upper) li.append(el("span", { class: "meta", text: "range" }));
      return li;
    }));
  }

  function renderQuotes(quotes) {
    const list = $("list-quotes");
    $("n-quotes").textContent = "(" + quotes.length + ")";
    if (!quotes.length) {
      list.replaceChildren(el("li", { class: "empty", text: "None found" }));
      return;
    }
    list.replaceChildren(...quotes.map((q, i) => {
      const words = q.text.length > 140 ? q.text.slice(0, 137).trimEnd() + "…" : q.text;
      const btn = el("button", { type: "button", class: "item", "data-quote": String(i), "aria-label": "Quotation " + (i + 1) + " by " + (q.speaker || "unknown speaker") + "; show in the text" },
        el("span", { class: "quote-text", text: "“" + words + "”" }));
      const who = el("span", { class: "meta" }, "— ");
      who.append(q.speaker ? el("span", { class: "speaker", text: q.speaker }) : "speaker unknown");
      if (q.speakerMention && q.speakerMention.text && q.speakerMention.text !== q.speaker) {
        who.append(" (“" + q.speakerMention.text + "”)");
      }
      return el("li", {}, btn, who);
    }));
  }

  // highlight outlines the marks of one entity (or one money amount) and
  // brings the first into view; clicking the same item again clears it.
  function highlight(selector, item) {
    const pressed = item.getAttribute("aria-pressed") === "true";
    for (const m of doc.querySelectorAll("mark.active")) m.classList.remove("active");
    for (const b of document.querySelectorAll(".panels .item[aria-pressed]")) b.setAttribute("aria-pressed", "false");
    if (pressed) return;
    item.setAttribute("aria-pressed", "true");
    const marks = doc.querySelectorAll(selector);
    for (const m of marks) m.classList.add("active");
    if (marks.length) jump(marks[0]);
  }

  function jump(target) {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "center" });
    target.focus({ preventScroll: true });
    target.classList.remove("flash");
    void target.offsetWidth; // restart the animation
    target.classList.add("flash");
  }

  document.querySelector(".panels").addEventListener("click", (ev) => {
    const item = ev.target.closest(".item");
    if (!item) return;
    if (item.dataset.entity !== undefined) {
      highlight('mark[data-entity="' + CSS.escape(item.dataset.entity) + '"]', item);
    } else if (item.dataset.money !== undefined) {
      highlight('mark[data-money="' + CSS.escape(item.dataset.money) + '"]', item);
    } else if (item.dataset.quote !== undefined) {
      const q = $("quote-" + item.dataset.quote);
      if (q) jump(q);
    }
  });

  // Tooltip for marks, on hover and on keyboard focus.
  function tipFor(mark) {
    const rows = [];
    let title;
    if (mark.dataset.quote !== undefined) {
      const q = shown.quotes[Number(mark.dataset.quote)];
      if (!q) return null;
      title = "Quotation";
      rows.push(["Speaker", q.speaker || "unknown"]);
      if (q.speakerMention && q.speakerMention.text) rows.push(["Attributed by", "“" + q.speakerMention.text + "”"]);
      if (q.speakerEntityId) rows.push(["Entity", q.speakerEntityId]);
    } else if (mark.dataset.entity !== undefined) {
      const e = shown.entities.get(mark.dataset.entity);
      if (!e) return null;
      title = e.name;
      rows.push(["Type", (e.type === "CUSTOM" ? e.customType : TYPES[e.type].name) + " (" + e.id + ")"]);
      if (e.link) {
        if (e.link.externalId) rows.push(["External ID", e.link.externalId]);
        for (const [k, v] of Object.entries(e.link.metadata || {})) rows.push([k, v]);
      }
      if ((e.roles || []).length) rows.push(["Roles", e.roles.join(", ")]);
      rows.push(["Mentions", String((e.mentions || []).length)]);
      rows.push(["Salience", pct(e.salience)]);
      if (mark.dataset.kind) {
        rows.push(["This mention", mark.dataset.kind === "pronoun" ? "a pronoun" : "a description"]);
        rows.push(["Confidence", pct(e.confidence)]);
      } else {
        rows.push(["Confidence", pct(e.confidence) + " (this mention " + pct(Number(mark.dataset.confidence)) + ")"]);
      }
    } else {
      const a = shown.money[Number(mark.dataset.money)];
      if (!a) return null;
      title = formatMoney(a);
      rows.push(["Type", "Money"]);
      rows.push(["Currency", (a.amount && a.amount.currencyCode) || "?"]);
      if (a.upper) rows.push(["Range", formatDecimal(a.amount || {}) + " to " + formatDecimal(a.upper)]);
      rows.push(["Approximate", a.approximate ? "yes" : "no"]);
    }
    const dl = el("dl");
    for (const [k, v] of rows) dl.append(el("dt", { text: k }), el("dd", { text: v }));
    return [el("strong", { text: title }), dl];
  }

  function showTip(mark) {
    const content = tipFor(mark);
    if (!content) return;
    tip.replaceChildren(...content);
    tip.hidden = false;
    const r = mark.getBoundingClientRect();
    const w = tip.offsetWidth, h = tip.offsetHeight;
    let left = r.left + window.scrollX;
    left = Math.max(window.scrollX + 4, Math.min(left, window.scrollX + document.documentElement.clientWidth - w - 4));
    let top = r.bottom + window.scrollY + 6;
    if (r.bottom + h + 10 > window.innerHeight && r.top > h + 10) top = r.top + window.scrollY - h - 6;
    tip.style.left = left + "px";
    tip.style.top = top + "px";
    mark.setAttribute("aria-describedby", "tip");
  }

  function hideTip(mark) {
    tip.hidden = true;
    if (mark) mark.removeAttribute("aria-describedby");
  }

  // A mark inside a quotation shows its own tooltip; the rest of the
  // quotation shows the speaker.
  const hoverable = (t) => t instanceof Element && (t.closest("mark") || t.closest(".quote"));
  doc.addEventListener("mouseover", (ev) => {
    const m = hoverable(ev.target);
    if (m) showTip(m);
  });
  doc.addEventListener("mouseout", (ev) => {
    const m = hoverable(ev.target);
    if (m && !m.contains(ev.relatedTarget)) hideTip(m);
  });
  doc.addEventListener("focusin", (ev) => {
    if (ev.target.matches("mark")) showTip(ev.target);
  });
  doc.addEventListener("focusout", (ev) => {
    if (ev.target.matches("mark")) hideTip(ev.target);
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") hideTip(null);
  });

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    extract(input.value);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      extract(input.value);
    }
  });
  input.addEventListener("input", updateInfo);
  dictInput.addEventListener("input", updateDictInfo);
  $("sample").addEventListener("click", () => {
    input.value = $("sample-text").content.textContent;
    updateInfo();
    input.focus();
  });
  $("clear").addEventListener("click", () => {
    input.value = "";
    updateInfo();
    input.focus();
  });
  updateInfo();
})();
