// The English reading aid on a report page, loaded by edition.js when a reader chooses 中英对照 or English.
// It asks for the English (english-text.js, written by the build from data/translation.yml) and puts each
// English line beside its Chinese: a paragraph after its paragraph, sharing its id's permalink; a heading's
// English inside the heading. In English mode the Chinese of a paragraph is folded, one tap away.
// Every English element is the edition's (class ed) and says lang="en". Words from data are set as text.
(function () {
  var shared = window.edition
  var root = document.documentElement
  var control = document.querySelector(".language-control")
  var article = document.querySelector("article")
  var english = null
  var shown = false
  var KEY = "edition.language"

  function remember(mode) {
    try { localStorage.setItem(KEY, mode) } catch (e) { /* private mode: this page only */ }
  }
  // The mode: a choice just made (edition.js saw the click), else the one remembered; a reader arriving from an
  // English search result (?lang=en) who reads in Chinese sees both languages on this page.
  var mode = shared.chosen
  if (mode) remember(mode)
  else {
    try { mode = localStorage.getItem(KEY) } catch (e) { /* none remembered */ }
    if (!mode || mode === "zh") mode = /[?&]lang=en(&|$)/.test(location.search) ? "bi" : "zh"
  }
  control.addEventListener("click", function (event) {
    var button = event.target.closest(".language-mode")
    if (!button) return
    mode = button.dataset.mode
    remember(mode)
    show()
  })

  shared.stylesheet("english.css")

  function element(tag, className, text) {
    var el = document.createElement(tag)
    el.className = className
    el.lang = "en"
    if (text) el.textContent = text
    return el
  }
  function headingText(heading) {  // the report's words, without the permalink ¶
    var text = ""
    heading.childNodes.forEach(function (node) {
      if (!(node.classList && (node.classList.contains("headerlink") || node.classList.contains("ed")))) text += node.textContent
    })
    return text
  }
  function foldButton(paragraph) {  // English mode: the Chinese of this paragraph, a tap away
    var button = element("button", "ed en-show-zh", control.dataset.showZh)
    button.type = "button"
    button.lang = "zh"
    button.setAttribute("aria-expanded", "false")
    button.setAttribute("aria-controls", paragraph.id)
    button.addEventListener("click", function () {
      var open = paragraph.classList.toggle("zh-open")
      button.setAttribute("aria-expanded", String(open))
    })
    return button
  }
  function addEnglish() {
    var notice = element("p", "ed en-notice", english.notice)
    var first = article.querySelector("h1")
    if (first) first.after(notice)
    else article.prepend(notice)
    article.querySelectorAll("h1, h2, h3, h4").forEach(function (heading) {
      var key = headingText(heading)
      if (!english.headings.hasOwnProperty(key)) return
      var zh = document.createElement("span")
      zh.className = "zh-heading"
      Array.prototype.slice.call(heading.childNodes).forEach(function (node) {
        if (!(node.classList && node.classList.contains("headerlink"))) zh.append(node)
      })
      heading.prepend(zh, element("span", "ed en-heading", english.headings[key]))
    })
    article.querySelectorAll("p[id]").forEach(function (paragraph) {
      if (!english.paragraphs.hasOwnProperty(paragraph.id)) return
      var twin = element("div", "ed en-para")
      var text = element("p", "en-text", english.paragraphs[paragraph.id])
      var link = paragraph.querySelector("a.plink")
      if (link) {
        var own = element("a", "plink en-plink", link.textContent)
        own.href = link.getAttribute("href")
        text.prepend(own)
      }
      twin.append(text, foldButton(paragraph))
      paragraph.after(twin)
    })
  }
  function show() {
    control.querySelectorAll(".language-mode").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.mode === mode))
    })
    if (mode === "zh" || !english) {
      root.classList.remove("ed-lang-bi", "ed-lang-en")
      return
    }
    if (!shown) {
      addEnglish()
      shown = true
    }
    root.classList.toggle("ed-lang-bi", mode === "bi")
    root.classList.toggle("ed-lang-en", mode === "en")
  }
  shared.showLanguage = show
  show()
  shared.receiveEnglish = function (data) {
    english = data
    show()
  }
  shared.load("english-text.js")
})()
