"""`marsad watch` machinery against a feed served on 127.0.0.1 and a directory:
conditional requests, backoff, one log line per poll, Ctrl-C leaves the store whole."""
from __future__ import annotations

import shutil
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from marsad.ingest import IngestError, iter_articles
from marsad.live import LiveLinker
from marsad.live import linker as linker_module
from marsad.live.watch import Watcher
from marsad.store import open_store

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def rss(articles: list) -> bytes:
    items = "".join(
        f"<item><title>{escape(a.title or a.body[:60])}</title><link>http://example.org/{a.id}</link>"
        f"<description>{escape(a.body)}</description><pubDate>Fri, 11 Sep 2015 10:00:00 GMT</pubDate></item>"
        for a in articles
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة</title>{items}</channel></rss>'.encode()


class Feed:
    """A feed server on 127.0.0.1 with ETag/Last-Modified, switchable to errors."""

    def __init__(self) -> None:
        self.body = b""
        self.version = 0
        self.status = 200
        self.requests: list[dict[str, str | None]] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                feed.requests.append({"etag": self.headers.get("If-None-Match"), "since": self.headers.get("If-Modified-Since")})
                if feed.status != 200:
                    self.send_error(feed.status)
                    return
                etag = f'"v{feed.version}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(1_441_965_600 + feed.version, usegmt=True))
                self.send_header("Content-Length", str(len(feed.body)))
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, articles: list) -> None:
        self.body = rss(articles)
        self.version += 1


@pytest.fixture
def feed() -> Feed:
    server = Feed()
    yield server
    server.server.shutdown()


def seeds() -> list:
    return [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)]


def test_feed_polls_are_conditional_and_back_off(tmp_path: Path, feed: Feed) -> None:
    lines: list[str] = []
    with open_store(str(tmp_path / "w.db")) as store:
        watcher = Watcher(LiveLinker(store), [feed.url], interval=30, timeout=5, log=lines.append)
        feed.publish(seeds()[:3])
        first = watcher.poll_once(now=0)
        assert first[0].status == "new" and first[0].new == 3 and store.count_articles() == 3
        assert watcher.poll_once(now=10) == []  # not due yet
        second = watcher.poll_once(now=31)
        assert second[0].status == "unchanged" and feed.requests[-1]["etag"] == '"v1"' and feed.requests[-1]["since"]
        feed.publish(seeds())
        third = watcher.poll_once(now=62)
        assert (third[0].new, third[0].seen) == (2, 3)
        feed.status = 500
        failed = watcher.poll_once(now=93)
        assert failed[0].status == "failed" and failed[0].retry_in == 60
        assert watcher.poll_once(now=100) == []  # backing off
        again = watcher.poll_once(now=93 + 61)
        assert again[0].status == "failed" and again[0].retry_in == 120
        feed.status = 200
        assert watcher.poll_once(now=93 + 61 + 121)[0].status == "unchanged"
        assert len(lines) == 6 and "3 new, 0 already seen" in lines[0] and "not modified" in lines[1]
        assert "failed: HTTP 500 (retry in 60 s)" in lines[3]
        assert store._one("SELECT COUNT(*) FROM live_membership")[0] == 5


def test_unreachable_feed_times_out_and_fails_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port that accepts nothing
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/feed.xml"
    with open_store(str(tmp_path / "w.db")) as store:
        lines: list[str] = []
        watcher = Watcher(LiveLinker(store), [url], interval=5, timeout=1, log=lines.append)
        result = watcher.poll_once(now=0)[0]
        assert result.status == "failed" and len(lines) == 1 and lines[0].startswith(url + ": failed:")


def test_directory_new_files_are_picked_up(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = sorted(SEEDS.iterdir())
    with open_store(str(tmp_path / "w.db")) as store:
        watcher = Watcher(LiveLinker(store), [str(inbox)], log=lambda line: None)
        assert watcher.poll_once()[0].new == 0
        shutil.copy(files[0], inbox)
        shutil.copy(files[1], inbox)
        assert watcher.poll_once()[0].new == 2
        assert watcher.poll_once()[0].new == 0  # nothing changed
        shutil.copy(files[2], inbox)
        result = watcher.poll_once()[0]
        assert (result.new, result.seen) == (1, 0)


def test_ctrl_c_mid_article_leaves_the_store_consistent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    with open_store(str(tmp_path / "w.db")) as store:
        linker = LiveLinker(store)
        calls = {"n": 0}
        real = linker_module.summarize

        def interrupt_third(*args: object, **kwargs: object):
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt
            return real(*args, **kwargs)

        monkeypatch.setattr(linker_module, "summarize", interrupt_third)
        with pytest.raises(KeyboardInterrupt):  # one article per transaction: the third is interrupted
            Watcher(linker, [str(inbox)], log=lambda line: None, batch=1).run(polls=1)
        assert store.count_articles() == 2
        for table in ("live_membership", "live_analysis", "story_articles"):
            assert store._one(f"SELECT COUNT(DISTINCT article_id) FROM {table}")[0] == 2
        monkeypatch.undo()
        resumed = Watcher(LiveLinker(store), [str(inbox)], log=lambda line: None).poll_once()[0]
        assert (resumed.new, resumed.seen) == (3, 2)


def test_ctrl_c_mid_batch_stores_none_of_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A poll's articles linked in one transaction: Ctrl-C while the batch's
    storyline summaries are computed leaves none of them stored, and the next poll
    links them all."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    with open_store(str(tmp_path / "b.db")) as store:

        def interrupt(*args: object, **kwargs: object):
            raise KeyboardInterrupt

        monkeypatch.setattr(linker_module, "summarize", interrupt)
        with pytest.raises(KeyboardInterrupt):
            Watcher(LiveLinker(store), [str(inbox)], log=lambda line: None).run(polls=1)
        assert store.count_articles() == 0
        assert store._one("SELECT COUNT(*) FROM live_changes")[0] == 0
        monkeypatch.undo()
        resumed = Watcher(LiveLinker(store), [str(inbox)], log=lambda line: None).poll_once()[0]
        assert (resumed.new, resumed.seen) == (5, 0)
        assert store._one("SELECT COUNT(DISTINCT article_id) FROM live_membership")[0] == 5
