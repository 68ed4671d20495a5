// A note beside its term: a tooltip on desktop, a sheet on a phone. Loaded by edition.js when a reader first
// reaches for a note (window.edition.notes: the page's notes section, the terms' loader, the note's nodes).
// Nothing here builds markup from strings: the note's words are set as text.
(function () {
  var root = document.documentElement
  var shared = window.edition.notes
  var notes = shared.section
  var element = shared.element
  var noteNodes = shared.noteNodes
  var loadTerms = function () { return shared.terms().then(function (terms) { byId = terms; return terms }) }
  var byId = null
  shared.stop()  // from here on these listeners answer
  var styles = document.createElement("link")
  styles.rel = "stylesheet"
  styles.href = new URL("stylesheets/notes.css", window.edition.siteRoot)
  var styled = new Promise(function (resolve) { styles.onload = styles.onerror = resolve })
  document.head.append(styles)

  var phone = window.matchMedia("(max-width: 44.9375em)")
  var pop = element("div", "ed anno-pop")
  pop.id = "anno-pop"
  pop.hidden = true
  var body = element("div", "anno-pop-body")
  var bar = element("div", "anno-pop-bar")
  var english = button("anno-pop-en", notes.dataset.english)
  english.setAttribute("aria-pressed", "false")
  english.setAttribute("lang", "en")
  var closer = button("anno-pop-close", "×")
  closer.setAttribute("aria-label", notes.dataset.close)
  bar.append(english, closer)
  pop.append(bar, body)
  document.body.append(pop)

  var open = null       // the .anno whose note shows
  var wanted = null     // the .anno whose note is being read from terms.json
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
    var b = element("button", className, text)
    b.type = "button"
    return b
  }

  function addEnglish(anno) {
    var term = byId && byId[shared.termOf(anno)]
    if (!term || body.querySelector(".anno-en")) return
    var en = element("span", "anno-en", term.en)
    en.lang = "en"
    body.insertBefore(en, body.querySelector(".anno-more"))
  }

  function show(anno, byClick) {
    if (root.classList.contains("ed-hide-notes")) return
    clearTimeout(leaving)
    if (open !== anno) close()
    pinned = pinned || byClick
    if (open === anno) return
    wanted = anno
    Promise.all([loadTerms(), styled]).then(function (loaded) {
      var terms = loaded[0]
      var term = terms[shared.termOf(anno)]
      if (wanted !== anno || !term) return
      wanted = null
      open = anno
      var marker = anno.querySelector(".anno-marker")
      body.replaceChildren.apply(body, noteNodes(term, marker))
      if (!phone.matches || english.getAttribute("aria-pressed") === "true") addEnglish(anno)
      marker.setAttribute("aria-expanded", "true")
      marker.setAttribute("aria-controls", pop.id)
      pop.classList.toggle("anno-sheet", phone.matches)
      pop.setAttribute("role", phone.matches ? "dialog" : "tooltip")
      if (phone.matches) pop.setAttribute("aria-label", marker.getAttribute("aria-label") + ":" + term.forms[0])
      else pop.removeAttribute("aria-label")
      pop.hidden = false
      place(anno)
    }, function () {
      // terms.json unreadable (the offline copy, opened from file://): a click goes where the marker links, the
      // glossary entry. `pinned`, not `byClick`: a hover may have asked first, and its answer comes first.
      if (wanted !== anno) return
      var follow = pinned
      wanted = null
      pinned = false
      if (follow) location.href = anno.querySelector(".anno-marker").href
    })
  }

  function close() {
    clearTimeout(leaving)
    wanted = null
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

  window.edition.closeNote = close  // the reading control closes a note it hides
  var first = shared.first
  if (first) show(first.anno, first.byClick)
})()
