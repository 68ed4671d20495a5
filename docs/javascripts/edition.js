// The edition's behaviours, as listeners (the Content-Security-Policy allows no inline script).
// Nothing here builds markup from strings: notes are copied from the page as nodes.
(function () {
  var root = document.documentElement
  var siteRoot = new URL("../", document.currentScript.src)  // this file is javascripts/edition.js

  document.querySelectorAll("button.print-button").forEach(function (button) {
    button.addEventListener("click", function () { window.print() })
  })
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
      close()
    })
  })

  // --- A paragraph's figures: the cards come from the data page when their line first opens ---------
  var dashboard = null
  document.querySelectorAll("details.ic-fold[data-cards]").forEach(function (fold) {
    fold.addEventListener("toggle", function () {
      if (!fold.open || fold.dataset.loaded) return
      fold.dataset.loaded = "1"
      if (!document.querySelector("link[href$='reference.css']")) {
        var styles = document.createElement("link")
        styles.rel = "stylesheet"
        styles.href = new URL("stylesheets/reference.css", siteRoot)
        document.head.append(styles)
      }
      var link = fold.querySelector("a")
      var source = new URL(link.getAttribute("href"), location.href)
      source.hash = ""
      dashboard = dashboard || fetch(source).then(function (response) {
        if (!response.ok) throw new Error(response.status)
        return response.text()
      }).then(function (text) { return new DOMParser().parseFromString(text, "text/html") })
      dashboard.then(function (doc) {
        var grid = document.createElement("div")
        grid.className = "ed ic-grid"
        fold.dataset.cards.split(" ").forEach(function (id) {
          var card = doc.getElementById("ic-" + id)
          if (!card) return
          card = document.importNode(card, true)
          card.querySelectorAll("a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), source).href })
          grid.append(card)
        })
        if (grid.childElementCount) link.parentNode.replaceWith(grid)
      }).catch(function () { delete fold.dataset.loaded; dashboard = null })  // the link stays: it still leads there
    })
  })

  // --- Notes beside their term: a tooltip on desktop, a sheet on a phone ---------------------------
  // Each note is written once, in the page's notes (section.anno-notes); its marker links there.
  var notes = document.querySelector("section.anno-notes")
  if (!notes) return
  var phone = window.matchMedia("(max-width: 44.9375em)")
  var pop = document.createElement("div")
  pop.className = "ed anno-pop"
  pop.id = "anno-pop"
  pop.hidden = true
  var body = document.createElement("div")
  body.className = "anno-pop-body"
  var bar = document.createElement("div")
  bar.className = "anno-pop-bar"
  var english = button("anno-pop-en", notes.dataset.english)
  english.setAttribute("aria-pressed", "false")
  english.setAttribute("lang", "en")
  var closer = button("anno-pop-close", "×")
  closer.setAttribute("aria-label", notes.dataset.close)
  bar.append(english, closer)
  pop.append(bar, body)
  document.body.append(pop)

  var open = null       // the .anno whose note shows
  var pinned = false    // opened by a click or tap (stays until closed), not by hover or focus
  var openedAt = 0      // the scroll position when it opened: scrolling away closes it
  var leaving = 0
  var returning = false  // focus going back to a marker as its note closes: not a reason to open it again

  function refocus(marker) {
    returning = true
    marker.focus()
    returning = false
  }

  function button(className, text) {
    var b = document.createElement("button")
    b.type = "button"
    b.className = className
    b.textContent = text
    return b
  }

  // A note's English is read from terms.json (the same words as data/annotations.yml) when first shown.
  var terms = null
  function englishOf(id) {
    terms = terms || fetch(new URL("terms.json", siteRoot)).then(function (response) { return response.json() })
    return terms.then(function (list) {
      var term = list.filter(function (t) { return t.id === id })[0]
      return term ? term.en : ""
    })
  }
  function addEnglish(anno) {
    if (body.querySelector(".anno-en")) return
    englishOf(anno.dataset.term).then(function (text) {
      if (open !== anno || !text || body.querySelector(".anno-en")) return
      var en = document.createElement("span")
      en.className = "anno-en"
      en.lang = "en"
      en.textContent = text
      body.insertBefore(en, body.querySelector(".anno-more"))
      place(anno)
    }).catch(function () { terms = null })
  }

  function noteOf(anno) {
    var marker = anno.querySelector(".anno-marker")
    return marker && document.getElementById(marker.getAttribute("href").slice(1))
  }

  function show(anno, byClick) {
    var note = noteOf(anno)
    if (!note || root.classList.contains("ed-hide-notes")) return
    clearTimeout(leaving)
    if (open !== anno) close()
    pinned = pinned || byClick
    if (open === anno) return
    open = anno
    body.replaceChildren()
    note.childNodes.forEach(function (node) { body.append(node.cloneNode(true)) })
    var marker = anno.querySelector(".anno-marker")
    marker.setAttribute("aria-expanded", "true")
    marker.setAttribute("aria-controls", pop.id)
    pop.classList.toggle("anno-sheet", phone.matches)
    pop.setAttribute("role", phone.matches ? "dialog" : "tooltip")
    if (phone.matches) pop.setAttribute("aria-label", marker.getAttribute("aria-label"))
    else pop.removeAttribute("aria-label")
    pop.hidden = false
    place(anno)
    if (!phone.matches || english.getAttribute("aria-pressed") === "true") addEnglish(anno)
  }

  function close() {
    clearTimeout(leaving)
    if (!open) return
    open.querySelector(".anno-marker").setAttribute("aria-expanded", "false")
    open = null
    pinned = false
    pop.hidden = true
  }

  function headerBottom() {
    var header = document.querySelector(".md-header")
    return header ? header.getBoundingClientRect().bottom : 0
  }

  function place(anno) {
    var rects = anno.getClientRects()
    var term = rects[rects.length - 1] || anno.getBoundingClientRect()
    if (phone.matches) {
      // A sheet over the lower part of the screen: bring the term above it first.
      pop.style.left = pop.style.top = ""
      var room = window.innerHeight - pop.offsetHeight - 12
      if (term.bottom > room || term.top < headerBottom()) {
        window.scrollBy({ top: term.top - Math.max(headerBottom() + 12, (room - term.height) / 2), behavior: "instant" })
      }
      openedAt = window.scrollY
      return
    }
    // A tooltip above its term, or below it when the header or the window's top leaves no room.
    var gap = 8
    var width = pop.offsetWidth
    var left = Math.min(Math.max(8, term.left + term.width / 2 - width / 2), document.documentElement.clientWidth - width - 8)
    var above = term.top - gap - pop.offsetHeight >= headerBottom()
    pop.classList.toggle("anno-below", !above)
    pop.style.left = left + window.scrollX + "px"
    pop.style.top = (above ? term.top - gap - pop.offsetHeight : term.bottom + gap) + window.scrollY + "px"
    openedAt = window.scrollY
  }

  english.addEventListener("click", function () {
    var on = english.getAttribute("aria-pressed") !== "true"
    english.setAttribute("aria-pressed", String(on))
    pop.classList.toggle("anno-en-on", on)
    if (open && on) addEnglish(open)
    if (open) place(open)
  })
  closer.addEventListener("click", function () {
    var marker = open && open.querySelector(".anno-marker")
    close()
    if (marker) refocus(marker)
  })

  document.addEventListener("click", function (event) {
    var anno = event.target.closest(".anno")
    if (anno && anno.closest("article") && !event.target.closest("a.ent")) {
      if (root.classList.contains("ed-hide-notes")) return
      event.preventDefault()
      if (open === anno && pinned) close()
      else show(anno, true)
    } else if (open && !pop.contains(event.target)) {
      close()
    }
  })
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "mouse" || phone.matches) return
    var anno = event.target.closest(".anno")
    if (anno && anno.closest("article")) show(anno, false)
    else if (pop.contains(event.target)) clearTimeout(leaving)
    else if (open && !pinned) {
      clearTimeout(leaving)
      leaving = setTimeout(close, 200)  // time to move the pointer onto the tooltip
    }
  })
  document.addEventListener("focusin", function (event) {
    var anno = event.target.classList.contains("anno-marker") && event.target.closest(".anno")
    if (anno) { if (!returning) show(anno, false) }
    else if (open && !pop.contains(event.target) && !pinned) close()
  })
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      var marker = open.querySelector(".anno-marker")
      var inside = pop.contains(document.activeElement)
      close()
      if (inside) refocus(marker)
    }
  })
  window.addEventListener("scroll", function () {
    if (open && Math.abs(window.scrollY - openedAt) > 24) close()
  }, { passive: true })
  window.addEventListener("resize", close)
})()
