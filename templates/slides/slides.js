/* chapbook HTML slides: the runtime. No dependencies, no network, nothing fitted here:
   what each slide shows, and at what size, was decided when the slides were made.
   One slide at a time, scaled to the window; keys, clicks and swipes to move; #/N in the
   URL; a presenter view (S, or ?presenter) kept in step with the audience's window; an
   overview (O, Esc), help (?), fullscreen (F), printing with notes (N). */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, body = doc.body;
  var deck = doc.getElementById("deck");
  if (!deck) return;
  root.classList.add("js");
  deck.classList.add("stage");
  deck.tabIndex = -1;

  var W = 1280, H = 720;  // the slide's size in px, read from the first slide on start
  var presenter = /(^\?|&)presenter(=|&|$)/.test(location.search) || /^#presenter/.test(location.hash);
  var hashPrefix = /^#presenter/.test(location.hash) ? "#presenter/" : "#/";
  var slides = [], current = -1, typed = "", typedTimer = 0, idleTimer = 0;
  var live, controls, count, gotoBox, overview, help, pv = {};
  var other = null;  // the window we opened (presenter or audience)
  var channel = null, deckKey = "";

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function button(label, text, action, cls) {
    var b = el("button", cls, text);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", function (e) { e.stopPropagation(); action(); });
    return b;
  }
  function titleOf(slide) {
    var h = slide.querySelector(":scope > .title");
    return h ? h.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* --- scaling ------------------------------------------------------------------------ */

  function scaleInto(stage, box) {
    var r = box === window ? { width: innerWidth, height: innerHeight } : box.getBoundingClientRect();
    var s = Math.min(r.width / W, r.height / H);
    stage.style.setProperty("--scale", String(s > 0 ? s : 1));
  }
  function rescale() {
    if (presenter) {
      scaleInto(deck, pv.current);
      var next = pv.next.querySelector(".stage");
      if (next) scaleInto(next, pv.next);
    } else {
      scaleInto(deck, window);
    }
  }

  /* --- navigation ---------------------------------------------------------------------- */

  function show(index, remote) {
    index = Math.max(0, Math.min(slides.length - 1, index | 0));
    if (index === current) return;
    current = index;
    slides.forEach(function (s, k) {
      var on = k === index;
      s.classList.toggle("current", on);
      s.inert = !on;
      if (on) s.removeAttribute("aria-hidden"); else s.setAttribute("aria-hidden", "true");
    });
    var url = location.pathname + location.search + hashPrefix + (index + 1);
    try { history.replaceState(history.state, "", url); } catch (e) { location.hash = hashPrefix.slice(1) + (index + 1); }
    var title = titleOf(slides[index]);
    live.textContent = "Slide " + (index + 1) + " of " + slides.length + (title ? ": " + title : "");
    count.textContent = (index + 1) + " / " + slides.length;
    if (presenter) updatePresenter();
    if (overview) markOverview();
    if (!remote) send({ type: "slide", index: index });
  }
  function next() { show(current + 1); }
  function prev() { show(current - 1); }
  function fromHash() {
    var m = /^#(?:presenter)?\/?(\d+)/.exec(location.hash);
    return m ? parseInt(m[1], 10) - 1 : 0;
  }

  /* --- windows in step: postMessage to the window we opened or were opened by, and a
     BroadcastChannel where the browser gives one (same origin, e.g. served over http) --- */

  function send(msg) {
    msg.deck = deckKey;
    [window.opener, other].forEach(function (w) {
      if (w && !w.closed) { try { w.postMessage(msg, "*"); } catch (e) { /* gone */ } }
    });
    if (channel) { try { channel.postMessage(msg); } catch (e) { /* closed */ } }
  }
  function receive(data) {
    if (!data || data.deck !== deckKey) return;
    if (data.type === "slide") show(data.index, true);
    else if (data.type === "hello") send({ type: "slide", index: current });
  }
  function baseUrl() { return location.href.split(/[?#]/)[0]; }
  function openWindow(url, name, features) {
    var w = window.open(url, name, features);
    if (w) other = w;
    else live.textContent = "The browser blocked the new window: allow pop-ups for this file.";
  }
  function openPresenter() {
    openWindow(baseUrl() + "?presenter#/" + (current + 1), "chapbook-presenter", "popup,width=1200,height=760");
  }
  function openAudience() {
    openWindow(baseUrl() + "#/" + (current + 1), "chapbook-audience");
  }

  /* --- overlays ------------------------------------------------------------------------ */

  function thumbnail(slide) {
    var copy = slide.cloneNode(true);
    copy.querySelectorAll("aside.notes").forEach(function (n) { n.remove(); });
    copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    copy.classList.remove("current");
    copy.removeAttribute("aria-label");
    copy.removeAttribute("role");
    copy.removeAttribute("aria-roledescription");
    copy.setAttribute("aria-hidden", "true");
    copy.inert = true;
    return copy;
  }
  function buildOverview() {
    overview = el("div", "overview");
    overview.hidden = true;
    overview.setAttribute("role", "dialog");
    overview.setAttribute("aria-modal", "true");
    overview.setAttribute("aria-label", "All slides");
    slides.forEach(function (s, i) {
      var b = button("Slide " + (i + 1) + ": " + titleOf(s), null, function () { closeOverview(); show(i); });
      b.append(thumbnail(s));
      overview.append(b);
    });
    body.append(overview);
    markOverview();
  }
  function markOverview() {
    Array.prototype.forEach.call(overview.children, function (b, i) {
      if (i === current) b.setAttribute("aria-current", "true"); else b.removeAttribute("aria-current");
    });
  }
  function overviewOpen() { return overview && !overview.hidden; }
  function openOverview() {
    if (!overview) buildOverview();
    overview.hidden = false;
    deck.inert = true;
    var b = overview.children[current];
    b.focus();
    b.scrollIntoView({ block: "center" });
  }
  function closeOverview() {
    overview.hidden = true;
    deck.inert = false;
    deck.focus({ preventScroll: true });
  }
  var KEYS = [
    [["→", "↓", "Space", "PgDn", "Enter"], "Next slide"],
    [["←", "↑", "PgUp", "Backspace"], "Previous slide"],
    [["Home"], "First slide"], [["End"], "Last slide"],
    [["number", "Enter"], "Go to slide by number"],
    [["O", "Esc"], "Overview of all slides"],
    [["S"], "Presenter view, with notes and timer"],
    [["F"], "Fullscreen"],
    [["N"], "Print with speaker notes (on/off)"],
    [["?"], "This help"]
  ];
  function buildHelp() {
    help = el("dialog", "help");
    help.lang = "en";
    help.setAttribute("aria-labelledby", "chapbook-help-title");
    var h = el("h2", null, "Keyboard shortcuts");
    h.id = "chapbook-help-title";
    var table = el("table");
    KEYS.forEach(function (row) {
      var tr = el("tr"), th = el("th"), td = el("td", null, row[1]);
      th.scope = "row";
      row[0].forEach(function (k) { th.append(el("kbd", null, k), " "); });
      tr.append(th, td);
      table.append(tr);
    });
    var p = el("p", null, "Click or tap the right two thirds of a slide for the next, the left third " +
      "for the previous; swipe on a touch screen. Print (Ctrl+P) gives one slide a page.");
    var form = el("form");
    form.method = "dialog";
    var close = el("button", null, "Close");
    close.type = "submit";
    form.append(close);
    help.append(h, table, p, form);
    body.append(help);
  }
  function toggleHelp() {
    if (!help) buildHelp();
    if (help.open) help.close(); else help.showModal();
  }
  function toggleFullscreen() {
    var p = doc.fullscreenElement ? doc.exitFullscreen() : (root.requestFullscreen ? root.requestFullscreen() : null);
    if (p && p.catch) p.catch(function () { /* refused: stay as we are */ });
  }
  function togglePrintNotes() {
    var on = root.classList.toggle("print-notes");
    live.textContent = on ? "Printing with speaker notes" : "Printing without speaker notes";
  }
  function showTyped() {
    gotoBox.hidden = !typed;
    gotoBox.textContent = typed ? "Go to " + typed : "";
    clearTimeout(typedTimer);
    if (typed) typedTimer = setTimeout(function () { typed = ""; showTyped(); }, 2500);
  }

  /* --- presenter view ---------------------------------------------------------------- */

  function buildPresenter() {
    root.classList.add("presenter");
    var box = el("div", "pv");
    var bar = el("div", "pv-bar");
    bar.lang = "en";
    pv.timer = el("span", "pv-timer", "0:00");
    pv.timer.setAttribute("role", "timer");
    pv.timer.setAttribute("aria-label", "Elapsed time");
    pv.clock = el("span", "pv-clock");
    pv.count = el("span", "pv-count");
    pv.started = Date.now();
    pv.paused = 0;
    var pause = button("Pause or resume the timer", "Pause", function () {
      if (pv.paused) { pv.started += Date.now() - pv.paused; pv.paused = 0; pause.textContent = "Pause"; }
      else { pv.paused = Date.now(); pause.textContent = "Resume"; }
      pv.timer.classList.toggle("paused", !!pv.paused);
      tick();
    });
    var reset = button("Restart the timer", "Restart", function () {
      pv.started = Date.now();
      if (pv.paused) pv.paused = pv.started;
      tick();
    });
    bar.append(pv.timer, pause, reset, pv.clock, el("span", "spacer"), pv.count,
               button("Open the audience window (S)", "Audience window", openAudience),
               button("Keyboard shortcuts (?)", "?", toggleHelp));
    pv.current = el("div", "pv-current");
    pv.current.append(deck);
    var side = el("div", "pv-side");
    pv.next = el("div", "pv-next");
    pv.next.setAttribute("aria-label", "Next slide");
    pv.notes = el("div", "pv-notes");
    pv.notes.setAttribute("aria-label", "Speaker notes");
    pv.notes.setAttribute("tabindex", "0");
    var nh = el("h2", null, "Next"), th = el("h2", null, "Notes");
    side.append(nh, pv.next, th, pv.notes);
    box.append(bar, pv.current, side);
    body.prepend(box);
    doc.title = "Presenter: " + doc.title;
    tick();
    setInterval(tick, 1000);
    new ResizeObserver(rescale).observe(pv.current);
    new ResizeObserver(rescale).observe(pv.next);
  }
  function clockText(ms) {
    var s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    s %= 60;
    return (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }
  function tick() {
    pv.timer.textContent = clockText((pv.paused || Date.now()) - pv.started);
    var d = new Date();
    pv.clock.textContent = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }
  function updatePresenter() {
    pv.count.textContent = "Slide " + (current + 1) + " / " + slides.length;
    var after = slides[current + 1], stage = el("div", "stage");
    stage.setAttribute("aria-hidden", "true");
    if (after) stage.append(thumbnail(after));
    else stage.append(el("div", "end", "End of the slides"));
    pv.next.replaceChildren(stage);
    scaleInto(stage, pv.next);
    var notes = slides[current].querySelector(":scope > aside.notes");
    var copy = notes ? Array.prototype.map.call(notes.childNodes, function (n) { return n.cloneNode(true); }) : [];
    if (!notes || !notes.textContent.trim()) copy = [el("p", "none", "No notes for this slide.")];
    pv.notes.replaceChildren.apply(pv.notes, copy);
    pv.notes.scrollTop = 0;
  }

  /* --- input --------------------------------------------------------------------------- */

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, k = e.key;
    if (t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
    if (help && help.open) {
      if (k === "?") { help.close(); e.preventDefault(); }
      return;  // the dialog handles Esc, Tab and its button
    }
    if (/^[0-9]$/.test(k) && !overviewOpen()) { typed = (typed + k).slice(-4); showTyped(); e.preventDefault(); return; }
    if (typed && (k === "Enter" || k === "Escape" || k === "Backspace")) {
      if (k === "Enter") show(parseInt(typed, 10) - 1);
      else if (k === "Backspace") typed = typed.slice(0, -1);
      if (k !== "Backspace") typed = "";
      showTyped();
      e.preventDefault();
      return;
    }
    if (overviewOpen()) {
      if (k === "Escape" || k === "o" || k === "O") { closeOverview(); e.preventDefault(); }
      return;
    }
    var onControl = t.closest && t.closest("button, a[href], summary");
    switch (k) {
      case "ArrowRight": case "ArrowDown": case "PageDown": next(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace": prev(); break;
      case " ": case "Enter":
        if (onControl) return;
        if (e.shiftKey) prev(); else next();
        break;
      case "Home": show(0); break;
      case "End": show(slides.length - 1); break;
      case "o": case "O": case "Escape": openOverview(); break;
      case "s": case "S": if (presenter) openAudience(); else openPresenter(); break;
      case "f": case "F": toggleFullscreen(); break;
      case "n": case "N": togglePrintNotes(); break;
      case "?": toggleHelp(); break;
      default: return;
    }
    e.preventDefault();
  }
  function onClick(e) {
    if (e.button !== 0 || e.target.closest("a[href], button, summary, input, select, textarea, dialog, .controls, .overview, .pv-bar, .pv-side")) return;
    if (String(getSelection() || "")) return;
    var r = presenter ? pv.current.getBoundingClientRect() : { left: 0, width: innerWidth };
    if (e.clientX - r.left < r.width / 3) prev(); else next();
  }
  function onSwipe(zone) {
    var start = null;
    zone.addEventListener("touchstart", function (e) {
      start = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
    }, { passive: true });
    zone.addEventListener("touchend", function (e) {
      if (!start) return;
      var dx = e.changedTouches[0].clientX - start.x, dy = e.changedTouches[0].clientY - start.y;
      start = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) { if (dx < 0) next(); else prev(); }
    }, { passive: true });
  }
  function wake() {
    root.classList.remove("idle");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { root.classList.add("idle"); }, 2500);
  }

  /* --- start ------------------------------------------------------------------------- */

  function start() {
    slides = Array.prototype.slice.call(deck.querySelectorAll(":scope > section.slide"));
    var total = slides.length;
    if (!total) { root.classList.add("ready"); return; }
    W = slides[0].offsetWidth || W;
    H = slides[0].offsetHeight || H;
    deck.querySelectorAll('a[href^="http"], a[href^="mailto:"]').forEach(function (a) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    });
    deckKey = doc.title + "|" + total;

    live = el("div", "sr-only live");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("aria-atomic", "true");
    gotoBox = el("div", "goto");
    gotoBox.hidden = true;
    gotoBox.setAttribute("aria-live", "polite");
    count = el("span", "count");
    controls = el("nav", "controls");
    controls.lang = "en";  // the runtime's own words are English, whatever the lecture's
    controls.setAttribute("aria-label", "Slide controls");
    controls.append(button("Previous slide", "←", prev), count, button("Next slide", "→", next),
                    button("Overview of all slides (O)", "▦", openOverview),
                    button("Keyboard shortcuts (?)", "?", toggleHelp));
    body.append(live, gotoBox);
    if (presenter) buildPresenter(); else body.append(controls);

    try {
      channel = new BroadcastChannel("chapbook-slides:" + location.pathname);
      channel.onmessage = function (e) { receive(e.data); };
    } catch (e) { channel = null; }
    window.addEventListener("message", function (e) {
      if (e.source && (e.source === window.opener || e.source === other)) receive(e.data);
    });
    doc.addEventListener("keydown", onKey);
    (presenter ? pv.current : doc).addEventListener("click", onClick);
    onSwipe(presenter ? pv.current : doc);
    doc.addEventListener("mousemove", wake, { passive: true });
    window.addEventListener("resize", rescale);
    window.addEventListener("hashchange", function () { show(fromHash()); });

    rescale();
    show(fromHash(), true);
    root.classList.add("ready");
    wake();
    if (!presenter) deck.focus({ preventScroll: true });
    send({ type: "hello" });
  }

  var fonts = doc.fonts && doc.fonts.ready ? doc.fonts.ready : Promise.resolve();
  fonts.then(start, start);
})();
