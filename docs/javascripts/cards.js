// A paragraph's figures (details.ic-fold): when its line opens, its cards are brought from the data page, where
// each figure's card is written once. Loaded by edition.js when a reader first opens such a line; without it,
// the line opens on a link to those cards there. Nothing is built from strings: the cards are imported as nodes.
(function () {
  var shared = window.edition
  var styles = document.createElement("link")  // the cards' styles, which a report page does not carry
  styles.rel = "stylesheet"
  styles.href = new URL("stylesheets/reference.css", shared.siteRoot)
  document.head.append(styles)
  var dashboard = null

  function byReportOrder(doc, cards) {  // the data page's table lists every figure in the report's order
    var order = {}
    doc.querySelectorAll("tr[data-indicator]").forEach(function (row, n) { order[row.dataset.indicator] = n })
    return cards.sort(function (a, b) { return order[a.dataset.indicator] - order[b.dataset.indicator] })
  }

  function fill(fold) {
    if (fold.dataset.loaded) return
    fold.dataset.loaded = "1"
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
      var cards = fold.dataset.paragraph
        ? byReportOrder(doc, Array.prototype.map.call(
          doc.querySelectorAll(".ic-card .ic-source[data-paragraph='" + fold.dataset.paragraph + "']"),
          function (source) { return source.closest(".ic-card") }))
        : fold.dataset.cards.split(" ").map(function (id) { return doc.getElementById("ic-" + id) })
      cards.forEach(function (card) {
        if (!card) return
        card = document.importNode(card, true)
        card.querySelectorAll("a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), source).href })
        grid.append(card)
      })
      if (grid.childElementCount) link.parentNode.replaceWith(grid)
    }).catch(function () { delete fold.dataset.loaded; dashboard = null })  // the link stays: it still leads there
  }

  shared.cards = fill
  document.querySelectorAll("details.ic-fold").forEach(function (fold) {
    fold.addEventListener("toggle", function () { if (fold.open) fill(fold) })
  })
  shared.folds.forEach(function (fold) { if (fold.open) fill(fold) })
})()
