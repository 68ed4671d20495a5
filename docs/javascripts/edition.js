// The edition's behaviours, as listeners (the Content-Security-Policy allows no inline script). What a reader
// may never use comes on demand: the note beside its term (notes.js) and a paragraph's cards (cards.js).
// Nothing here builds markup from strings: words from data are set as text.
(function () {
  var root = document.documentElement
  var siteRoot = new URL("../", document.currentScript.src)  // this file is javascripts/edition.js
  var shared = window.edition = { siteRoot: siteRoot }  // what the scripts loaded on demand use

  shared.stylesheet = function (name) {  // a stylesheet of the edition, for a script loaded on demand
    var link = document.createElement("link")
    link.rel = "stylesheet"
    link.href = new URL("stylesheets/" + name, siteRoot)
    document.head.append(link)
  }
  function load(name, failed) {  // a script of the edition, once
    var src = new URL("javascripts/" + name, siteRoot).href
    if (document.querySelector('script[src="' + src + '"]')) return
    var script = document.createElement("script")
    script.src = src
    script.onerror = failed || null
    document.body.append(script)
  }

  document.querySelectorAll("button.print-button").forEach(function (button) {
    button.addEventListener("click", function () { window.print() })
  })
  // --- Citations: a 引用 button beside each paragraph's id, and the page's own at its head; the dialog with the
  // citations is cite.js, loaded on the first press (its words come with the page's button, set as text).
  var citePage = document.querySelector("button.cite-page")
  if (citePage) {
    var cite = function (request) {
      if (shared.cite) return shared.cite(request)
      shared.citeWanted = request
      load("cite.js")
    }
    citePage.hidden = false
    citePage.addEventListener("click", function () { cite({ scope: "page", paragraph: null, opener: citePage }) })
    document.querySelectorAll("article p[id] > a.plink").forEach(function (link) {
      var paragraph = link.parentNode.id
      var button = document.createElement("button")
      button.type = "button"
      button.className = "ed cite-button"
      button.textContent = citePage.dataset.citeButton
      button.setAttribute("aria-label", citePage.dataset.citeLabel + " " + paragraph)
      button.addEventListener("click", function () { cite({ scope: "paragraph", paragraph: paragraph, opener: button }) })
      link.before(button)
    })
  }
  // Material's search dialog has no accessible name (axe: aria-dialog-name).
  document.querySelectorAll(".md-search[role=dialog]").forEach(function (el) { el.setAttribute("aria-label", "搜索") })

  // --- The reading control: which of the edition's layers show; remembered across pages ------------
  var KEY = "edition.reading.hidden"
  function hiddenLayers() {
    try { return JSON.parse(localStorage.getItem(KEY)) || [] } catch (e) { return [] }
  }
  function applyLayers(hidden) {
    ["links", "notes", "figures", "ids"].forEach(function (layer) {
      root.classList.toggle("ed-hide-" + layer, hidden.indexOf(layer) >= 0)
    })
    document.querySelectorAll(".reading-layer").forEach(function (button) {
      button.setAttribute("aria-pressed", String(hidden.indexOf(button.dataset.layer) < 0))
    })
  }
  applyLayers(hiddenLayers())
  document.querySelectorAll(".reading-control").forEach(function (control) {
    control.hidden = false
    control.addEventListener("click", function (event) {
      var button = event.target.closest(".reading-layer")
      if (!button) return
      var hidden = hiddenLayers().filter(function (layer) { return layer !== button.dataset.layer })
      if (button.getAttribute("aria-pressed") === "true") hidden.push(button.dataset.layer)
      try { localStorage.setItem(KEY, JSON.stringify(hidden)) } catch (e) { /* private mode: this page only */ }
      applyLayers(hidden)
      if (shared.closeNote) shared.closeNote()
    })
  })

  // --- The English reading aid (english.js): loaded when a reader chooses 中英对照 or English, chose it on an earlier
  // page, or arrives from an English search result (?lang=en). Nothing more of it weighs on a page read in Chinese.
  shared.load = load
  var languages = document.querySelector(".language-control")
  if (languages) {
    languages.hidden = false
    var remembered = null
    try { remembered = localStorage.getItem("edition.language") } catch (e) { /* private mode */ }
    if ((remembered && remembered !== "zh") || /[?&]lang=en(&|$)/.test(location.search)) load("english.js")
    languages.addEventListener("click", function (event) {
      var button = event.target.closest(".language-mode")
      if (!button || shared.showLanguage) return;  // english.js answers once it is here
      shared.chosen = button.dataset.mode
      load("english.js")
    })
  }

  // --- A paragraph's figures: the cards come from the data page (cards.js) when their line first opens --
  shared.folds = []  // the lines opened before cards.js arrived
  document.querySelectorAll("details.ic-fold").forEach(function (fold) {
    fold.addEventListener("toggle", function () {
      if (!fold.open || shared.cards) return
      shared.folds.push(fold)
      load("cards.js")
    })
  })

  // --- Notes: the page's list, and the note beside its term ----------------------------------------
  // A note's words are in terms.json (as data/annotations.yml), read when a note is first wanted: the page
  // holds only the markers (each a link to the glossary entry) and an empty fold for its list of notes.
  // The tooltip and the phone's sheet are javascripts/notes.js, loaded when a reader first reaches for a note.
  var notes = document.querySelector("section.anno-notes")
  if (!notes) return
  var TERMS = new URL("terms.json", siteRoot)
  var byId = null  // id -> term, once read
  var reading = null
  function index(list) {
    byId = {}
    list.forEach(function (term) { byId[term.id] = term })
    return byId
  }
  function loadTerms() {
    reading = reading || fetch(TERMS).then(function (response) {
      if (!response.ok) throw new Error(response.status)
      return response.json()
    }).then(index).catch(function (error) { reading = null; throw error })
    return reading
  }
  function loadTermsNow() {  // before printing there is no time to wait: the browser lays the page out next
    if (byId) return byId
    var request = new XMLHttpRequest()
    request.open("GET", TERMS, false)
    request.send()
    return index(JSON.parse(request.responseText))
  }
  function element(tag, className, text) {
    var el = document.createElement(tag)
    if (className) el.className = className
    if (text) el.textContent = text
    return el
  }
  function termOf(anno) {  // its marker links to the term's glossary entry, #term-<id>
    return anno.querySelector(".anno-marker").hash.slice("#term-".length)
  }
  function noteNodes(term, marker) {  // headword: explanation, and the way to its glossary entry
    var more = element("a", "anno-more", notes.dataset.more)
    more.href = marker.href
    return [element("strong", "", term.forms[0]), ":" + term.zh + " ", more]
  }
  function listNotes(terms) {  // the page's notes, numbered as their markers
    var fold = notes.querySelector("details")
    if (fold.querySelector("ol")) return
    var list = element("ol")
    document.querySelectorAll("article .anno .anno-marker").forEach(function (marker) {
      var term = terms[termOf(marker.closest(".anno"))]
      if (!term) return
      var item = element("li")
      item.value = Number(marker.textContent)
      item.append.apply(item, noteNodes(term, marker))
      list.append(item)
    })
    fold.querySelector("p").replaceWith(list)
  }
  notes.querySelector("details").addEventListener("toggle", function () { loadTerms().then(listNotes, function () {}) })
  window.addEventListener("beforeprint", function () {
    try { listNotes(loadTermsNow()) } catch (e) { /* offline: the fold's link to the glossary prints instead */ }
  })

  // The first reach for a note (pointer, focus, tap) loads notes.js, which then shows it and handles the rest.
  shared.notes = { section: notes, terms: loadTerms, termOf: termOf, element: element, noteNodes: noteNodes, first: null }
  function reach(event) {
    var anno = event.target.closest && event.target.closest("article .anno")
    if (!anno || (event.type === "pointerover" && event.pointerType !== "mouse")) return
    if (event.type === "focusin" && !event.target.classList.contains("anno-marker")) return
    if (event.type === "click") {
      if (event.target.closest("a.ent") || root.classList.contains("ed-hide-notes")) return
      event.preventDefault()
    }
    shared.notes.first = { anno: anno, byClick: event.type === "click" }
    load("notes.js", shared.notes.stop)  // offline: a marker leads to the glossary again
  }
  ["pointerover", "focusin", "click"].forEach(function (type) { document.addEventListener(type, reach) })
  shared.notes.stop = function () {
    ["pointerover", "focusin", "click"].forEach(function (type) { document.removeEventListener(type, reach) })
  }
})()
