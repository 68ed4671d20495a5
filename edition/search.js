/* The edition's query handling in Material's search worker (put in front of the worker by
 * edition/search_worker.py, which also hooks the four calls below into the worker's search()).
 *
 * parse():   the query becomes runs: split at the search separator, Chinese apart from digits and
 *            letters (79.8万件 -> 79.8, 万件). Each run is looked up as every word of the index it
 *            could be made of: whole words inside it, a word ending in its head (*利 for 专利),
 *            a word beginning with its tail (being typed), a word holding all of it. Any of them
 *            may match (lunr's default), overlapping alternatives included.
 * keep():    an entry is kept only if every run stands in it as written: the words it matched
 *            then cover every character of the query, and a word the report never uses finds
 *            nothing. Its snippet is the sentences holding the query, the query marked in them
 *            (Material would mark every word matched, in the first sentences matched).
 * compare(): an entity page first for its own name or a spelling of it; then the report's
 *            paragraphs and headings; then the other pages; each by lunr's score.
 * show():    up to three entries of a page are shown, not only the best one.
 */
"use strict";
var editionSearch = (() => {
  const RUNS = /\p{sc=Han}+|[^\p{sc=Han}]+/gu
  const LUNR_SYNTAX = /[\\^~+*:]/
  const SHOWN_PER_PAGE = 3

  const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">" }
  const normal = text => text.normalize("NFKC").toLowerCase()
  // An entry's words as the reader sees them: no tags, no word breaks, no entities
  const plain = text => normal(text.replace(/<[^>]*>|\u200b/g, "").replace(/&(amp|lt|gt);/g, e => ENTITIES[e]))
  const unseparated = text => plain(text).split(lunr.tokenizer.separator).join("")

  // The index's words, sorted forwards and reversed, for the head and tail lookups
  let words = null
  function vocabulary(index) {
    if (!words || words.index !== index) {
      const keys = Object.keys(index).sort()
      const reversed = keys.map(k => [...k].reverse().join("")).sort()
      words = { index, keys, reversed }
    }
    return words
  }
  function startsSome(sorted, prefix) {
    let lo = 0, hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    return lo < sorted.length && sorted[lo].startsWith(prefix)
  }

  // The query's pieces (between separators) and their runs (Chinese apart from digits and letters)
  function split(query) {
    const pieces = normal(query).split(lunr.tokenizer.separator).filter(Boolean)
    return { pieces, runs: [...new Set(pieces.flatMap(piece => piece.match(RUNS)))] }
  }

  // The lunr terms that can find a run: interior slices must be words; the head may end a word,
  // the tail may begin one, and the whole run may sit inside one
  function termsOf(run, index) {
    const { keys, reversed } = vocabulary(index)
    const terms = []
    for (let i = 0; i < run.length; i++)
      for (let j = i + 1; j <= run.length; j++) {
        const slice = run.slice(i, j)
        if (LUNR_SYNTAX.test(slice))
          continue
        const head = i === 0, tail = j === run.length
        if (head && tail) {
          if (keys.some(k => k.includes(slice)))
            terms.push(`*${slice}*`)
        } else if (head) {
          if (startsSome(reversed, [...slice].reverse().join("")))
            terms.push(`*${slice}`)
        } else if (tail) {
          if (startsSome(keys, slice))
            terms.push(`${slice}*`)
        } else if (slice in index) {
          terms.push(slice)
        }
      }
    return terms
  }

  function parse(query, index, docs) {
    const { pieces, runs } = split(query)
    const terms = new Set(runs.flatMap(run => termsOf(run, index)))
    return { pieces, runs, docs, whole: runs.join(""), query: [...terms].join(" "), plain: new Map() }
  }

  function textOf(Q, doc) {
    let text = Q.plain.get(doc.location)
    if (text === undefined) {
      text = plain([...(doc.name || []), doc.text].join("\n"))
      Q.plain.set(doc.location, text)
    }
    return text
  }

  // What the result shows as found (and the page highlights): the runs, all of which a kept entry holds
  function terms(Q) {
    return Object.fromEntries(Q.runs.map(run => [run, true]))
  }

  function keep(Q, item) {
    const doc = Q.docs.get(item.location)
    const text = textOf(Q, doc)
    if (!Q.runs.every(run => text.includes(run)))
      return false
    const sentences = snippet(Q, doc.text)
    if (sentences !== null)
      item.text = sentences
    return true
  }

  // The (at most two) sentences holding most of the query, in their order, the query marked; null
  // for text that is not sentences (<p> blocks, as edition/search_index.py writes them)
  const ESCAPED = { "&": "&amp;", "<": "&lt;", ">": "&gt;" }
  function snippet(Q, html) {
    const blocks = html.match(/<p>[^<]*<\/p>/g)
    if (!blocks || blocks.join("") !== html)
      return null
    const found = blocks.map((block, n) => {
      const inner = block.slice(3, -4).replace(/\u200b/g, "")
      const lower = inner.toLowerCase()
      const escaped = text => text.replace(/[&<>]/g, c => ESCAPED[c])
      const marks = []
      for (const piece of Q.pieces)  // 79.8万件 marked where it stands whole, not every 万件
        for (const needle of lower.includes(escaped(piece)) ? [piece] : piece.match(RUNS))
          for (let at = lower.indexOf(escaped(needle)); at >= 0; at = lower.indexOf(escaped(needle), at + 1))
            marks.push([at, at + escaped(needle).length])
      return { n, inner, marks, runs: Q.runs.filter(run => lower.includes(escaped(run))).length }
    })
    const best = found.filter(b => b.runs).sort((a, b) => b.runs - a.runs || a.n - b.n).slice(0, 2).sort((a, b) => a.n - b.n)
    return (best.length ? best : found.slice(0, 1)).map(({ inner, marks }) => {
      let out = "", at = 0
      for (const [start, end] of marks.sort((a, b) => a[0] - b[0])) {
        if (end <= at) continue
        out += inner.slice(at, Math.max(at, start)) + "<mark>" + inner.slice(Math.max(at, start), end) + "</mark>"
        at = end
      }
      return "<p>" + out + inner.slice(at) + "</p>"
    }).join("")
  }

  function rank(Q, doc) {
    if (doc.kind === "entity" && (doc.name || []).some(name => unseparated(name) === Q.whole))
      return 0
    return doc.kind === "report" ? 1 : 2
  }

  function compare(Q, a, b) {
    return rank(Q, Q.docs.get(a.location)) - rank(Q, Q.docs.get(b.location)) || b.score - a.score
  }

  // Material shows a page's best entry and folds the rest away; show the best few of each page
  function show(groups) {
    for (const items of groups.values()) {
      const best = items[0].score
      let shown = 0
      for (const item of items)
        if (item.location.includes("#") && shown++ < SHOWN_PER_PAGE)
          item.score = best
    }
  }

  return { parse, terms, keep, compare, show }
})();
