"""`lectord run` on web pages: a page dropped in the inbox comes out as an
article; pages with nothing to read go to failed/ with the reason; a 50 MB
page and 100,000 nested tags cost bounded memory (the worker's limit) and
time (its timeout).

Run by ctest as: python3 test_html.py --lectord PATH --build DIR
"""
import os
import sys

sys.dont_write_bytecode = True   # keep the source tree clean

from harness import check, main, write_file

PARAGRAPH = ("<p>The harbour wall was rebuilt after the storms, and the town, "
             "at last, was dry again for the first winter in years.</p>\n")


def page(body, head="<title>Harbour news</title>"):
    return ("<!DOCTYPE html><html><head>%s</head><body>%s</body></html>"
            % (head, body)).encode()


def big_page(size):
    """About size bytes of prose and page furniture, made here, not kept."""
    filler = "<div class='x'><a href='/l'>a link</a> <span>filler</span></div>\n"
    unit = PARAGRAPH * 3 + filler
    return page("<div class='story'>" + unit * (size // len(unit) + 1) + "</div>")


def test_pages_in_the_inbox(ctx):
    d = ctx.daemon(plugin_dirs=[os.path.join(ctx.build, "plugins")],
                   pipeline=["stats"], workers=1, timeout_seconds=60,
                   max_attempts=1, memory_limit_mb=1024,
                   max_bytes=64 * 1024 * 1024)
    d.start(asan_options="quarantine_size_mb=0")
    d.wait_log("watching")
    nested = "<div>" * 50000 + "<span>" * 50000
    inputs = {
        "story.html": page("<nav><a href='/'>Home</a></nav>" + PARAGRAPH * 4),
        "scripts.html": page("<script>var x = 1;</script>" * 100),
        "frames.htm": b"<html><frameset><frame src='a.html'></frameset></html>",
        "empty.html": page(" "),
        "cut.html": page(PARAGRAPH * 3 + "<div><p>and then the markup st"),
        "nested.html": page(PARAGRAPH * 2 + nested + "deep text"),
        "big.html": big_page(50 * 1024 * 1024),
    }
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data)
    d.wait_settled(len(inputs), timeout=240)
    outputs = d.outputs()
    reports = d.reports()
    check(sorted(reports) == ["empty.html", "frames.htm", "scripts.html"],
          "failed/: %r" % sorted(reports))
    for name, report in reports.items():
        check(report["plugin"] == "html", "%s blames %r" % (name, report["plugin"]))
        check("no article text found in %s" % name in report["reason"],
              "%s: reason %r" % (name, report["reason"]))
        check(os.path.exists(d.path("failed", name)), "%s kept in failed/" % name)
    by_file = {o["source"]["file"]: o for o in outputs.values()}
    check(sorted(by_file) == ["big.html", "cut.html", "nested.html", "story.html"],
          "outbox: %r" % sorted(by_file))
    check(by_file["story.html"]["text"].count("harbour wall") == 4
          and "Home" not in by_file["story.html"]["text"],
          "story text: %r" % by_file["story.html"]["text"][:200])
    check(by_file["cut.html"]["text"].endswith("and then the markup st"),
          "truncated page read to its end")
    big = by_file["big.html"]
    check(big["source"]["meta"]["html_cut_at_bytes"] == 16 * 1024 * 1024,
          "big page cut at max_page_mb: %r" % big["source"].get("meta"))
    check(big["stats"]["paragraphs"] > 10000, "big page read in paragraphs")


if __name__ == "__main__":
    sys.exit(main([test_pages_in_the_inbox]))
