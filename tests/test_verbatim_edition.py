"""Issue 2: the whole report, verbatim and in order, one page per section, citable paragraphs."""

from __future__ import annotations

import shutil

import hashlib

from bs4 import BeautifulSoup

from sitetext import REPORT_PAGES, compare_with_seed, page_html, report_blocks, report_text, seed_lines
from support import ROOT, build_copy, edition


def site_blocks(site):
    return [block for url in REPORT_PAGES for block in report_blocks(page_html(site, url))]


def test_seed_is_the_report_pinned_by_its_sha256():
    particulars = edition().particulars
    assert hashlib.sha256((ROOT / particulars.seed).read_bytes()).hexdigest() == particulars.seed_sha256


def test_the_build_itself_stops_on_a_changed_character_naming_page_line_and_character(project_copy):
    page = project_copy / "docs" / "part-1" / "examination.md"
    page.write_text(page.read_text(encoding="utf-8").replace("79.8万件", "79.9万件", 1), encoding="utf-8")
    result = build_copy(project_copy)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/part-1/examination.md:3: this paragraph differs from seeds/" in result.stderr
    assert "the page has '9万件" in result.stderr and "the seed has '8万件" in result.stderr


def test_a_template_expression_typed_into_a_report_paragraph_stops_the_build(project_copy):
    page = project_copy / "docs" / "part-3" / "strategy.md"
    text = page.read_text(encoding="utf-8").split("\n")
    line = next(n for n, t in enumerate(text) if t.startswith("{: #p3-2-1")) - 1
    text[line] += "{{7*7}}"
    page.write_text("\n".join(text), encoding="utf-8")
    result = build_copy(project_copy)
    assert result.returncode != 0 and "49" not in result.stderr
    assert f"docs/part-3/strategy.md:{line + 1}:" in result.stderr


def test_strict_build_passes_without_warnings(build):
    _, result = build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_every_seed_line_appears_once_in_order_on_the_report_pages(site):
    assert compare_with_seed(site_blocks(site), seed_lines()) == []


def test_fidelity_check_catches_one_changed_character(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "part-1" / "examination" / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<p id="p1-2-1">')
    page.write_text(html[:start] + html[start:].replace("79.8万件", "79.9万件", 1), encoding="utf-8")
    problems = compare_with_seed(site_blocks(copy), seed_lines())
    assert problems and "79.8万件" in problems[0]


def test_fidelity_check_catches_text_added_to_a_page(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "part-3" / "strategy" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('<p id="p3-2-1">', "<p>多出来的一句。</p>\n<p id=\"p3-2-1\">", 1), encoding="utf-8")
    assert compare_with_seed(site_blocks(copy), seed_lines())


def footer_link(site, url, direction):
    """The site URL that the page's prev/next footer link points to, or None."""
    link = BeautifulSoup(page_html(site, url), "html.parser").select_one(f"a.md-footer__link--{direction}")
    if link is None:
        return None
    target = (site / url / link["href"]).resolve().relative_to(site.resolve()).as_posix()
    return "" if target == "." else target + "/"


def test_next_links_walk_the_report_in_order_and_prev_links_walk_back(site):
    walked = [""]
    while (url := footer_link(site, walked[-1], "next")) is not None and len(walked) < 200:
        walked.append(url)
    assert walked[: len(REPORT_PAGES)] == REPORT_PAGES
    for before, here in zip(REPORT_PAGES, REPORT_PAGES[1:]):
        assert footer_link(site, here, "prev") == before


def test_every_page_of_the_site_is_in_the_nav(site):
    """With navigation.prune each page carries only its branch of the nav: there it must be, marked active."""
    pages = [p for p in site.rglob("index.html") if p.parent.name not in ("search", "assets")]
    assert len(pages) > 100
    for path in pages:
        nav = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
        active = [a for a in nav.select("a.md-nav__link--active[href]") if (path.parent / a["href"]).resolve() == path.parent.resolve()]
        assert active, path.parent.relative_to(site)


def test_paragraph_ids_are_unique_across_the_site_and_each_has_a_permalink(site):
    seen = {}
    for url in REPORT_PAGES:
        soup = BeautifulSoup(page_html(site, url), "html.parser")
        for para in soup.select("article p[id]"):
            assert para["id"] not in seen, f"{para['id']} on {url} and {seen[para['id']]}"
            seen[para["id"]] = url
            link = para.select_one("a.plink")
            assert link is not None and link["href"] == f"#{para['id']}"
    assert len(seen) == len(edition().report.paragraphs) == 58  # 84 seed lines less 26 headings


PINNED = {
    # id: (page, how the paragraph begins)
    "source": ("", "来源:国家知识产权局"),
    "p1-0-1": ("part-1/", "2022年是党和国家历史上极为重要的一年"),
    "p1-2-1": ("part-1/examination/", "一是严把审查授权关"),
    "p1-4-2": ("part-1/utilization/", "二是深入推进知识产权质押融资"),
    "p1-party-2": ("part-1/party-building/", "围绕贯彻落实习近平总书记重要指示批示"),
    "p1-decade-4": ("part-1/decade/", "截至2022年底,我国发明专利有效量达421.2万件"),
    "p1-decade-9": ("part-1/decade/", "同志们,十年发展成就斐然"),
    "p2-3-2": ("part-2/forces/", "二要大力发扬敢于斗争、善于斗争的精神"),
    "p3-4-1": ("part-3/utilization/", "提升创新主体知识产权综合运用能力"),
    "closing-2": ("closing/", "同志们,新时代呼唤新作为"),
}


def test_pinned_paragraph_ids_do_not_drift(site):
    for pid, (url, opening) in PINNED.items():
        para = BeautifulSoup(page_html(site, url), "html.parser").select_one(f"p#{pid}")
        assert para is not None, f"{pid} is not on /{url}"
        assert report_text(para).startswith(opening), pid


def test_headings_have_readable_chinese_anchors(site):
    soup = BeautifulSoup(page_html(site, "part-1/examination/"), "html.parser")
    assert soup.select_one("h1")["id"] == "二成功打赢审查提质增效攻坚战有力推动知识产权高质量发展"
    soup = BeautifulSoup(page_html(site, "part-1/decade/"), "html.parser")
    assert [h["id"] for h in soup.select("article h2")][0] == "新时代十年系统擘画了知识产权强国建设的宏伟蓝图"


def test_pages_request_no_web_fonts(site):
    for url in REPORT_PAGES:
        html = page_html(site, url)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
