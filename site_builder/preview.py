"""Serve: a preview on 127.0.0.1 that rebuilds on every change and reloads the browser; a broken edit shows its
problems in the terminal and in a banner on the page, while the last good pages stay served."""

from __future__ import annotations

import errno
import functools
import http.server
import json
import queue
import sys
import threading
from pathlib import Path

from watchfiles import watch

from site_builder.build import build
from site_builder.pages.render import failed_template
from site_builder.problems import Location, Problem, ProblemsFound, printed
from site_builder.problems.catalogue import commands as said

WATCHED = ("content", "datasets", "themes", "site.toml")
SCRIPT = """(function () {
  var events = new EventSource("/__reload");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("problems", function (event) {
    var old = document.getElementById("__problems"); if (old) { old.remove(); }
    var banner = document.createElement("div");
    banner.id = "__problems"; banner.setAttribute("role", "alert");
    banner.className = "preview-problems";
    var list = document.createElement("pre");
    list.textContent = JSON.parse(event.data).join("\\n");
    banner.appendChild(list);
    document.body.insertBefore(banner, document.body.firstChild);
  });
})();
"""


IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}  # Windows sockets say 10048


class _Server(http.server.ThreadingHTTPServer):
    # On Windows SO_REUSEADDR lets a second preview take a port another already serves on, silently; elsewhere it
    # only lets a restarted preview take its port back at once.
    allow_reuse_address = sys.platform != "win32"


class _Clients:
    """The browsers listening for reloads: one queue each."""

    def __init__(self) -> None:
        self.queues: list[queue.Queue[tuple[str, str]]] = []
        self.lock = threading.Lock()

    def tell(self, event: str, data: str) -> None:
        with self.lock:
            for q in self.queues:
                q.put((event, data))


def _handler(out: Path, clients: _Clients) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the terminal is for build messages."""

        def do_GET(self) -> None:
            if self.path == "/__reload.js":
                return self._send(SCRIPT.encode(), "application/javascript")
            if self.path == "/__reload":
                return self._events()
            path = self.translate_path(self.path)
            index = Path(path) / "index.html" if Path(path).is_dir() else Path(path)
            if index.suffix == ".html" and index.is_file():
                html = index.read_text(encoding="utf-8").replace(
                    "</body>", '<script src="/__reload.js"></script>\n</body>'
                )
                return self._send(html.encode(), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            mine: queue.Queue[tuple[str, str]] = queue.Queue()
            with clients.lock:
                clients.queues.append(mine)
            try:
                while True:
                    event, data = mine.get()
                    self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())
                    self.wfile.flush()
            except OSError:
                pass
            finally:
                with clients.lock:
                    clients.queues.remove(mine)

    return functools.partial(Handler, directory=str(out))  # type: ignore[return-value]


def serve(root: Path, port: int) -> None:
    """Build, serve on 127.0.0.1:port, and rebuild on every change until interrupted."""
    out = root / ".cache" / "preview"
    clients = _Clients()
    try:
        server = _Server(("127.0.0.1", port), _handler(out, clients))
    except OSError as error:
        if error.errno not in IN_USE:
            raise
        raise ProblemsFound([said.PORT_IN_USE.at(Location(f"127.0.0.1:{port}"), port=port, next=port + 1)]) from None
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"  # the port the system chose, when asked for 0
    _rebuild(root, out, base_url, clients)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"{said.PREVIEWING.line(url=base_url)}  ({said.TO_STOP.line()})", flush=True)
    paths = [root / p for p in WATCHED if (root / p).exists()]
    try:  # Ctrl+C caught here: the watching library's own notice of it is in English only
        for _changes in watch(*paths, debounce=300, step=100, raise_interrupt=True):
            _rebuild(root, out, base_url, clients)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        print(said.PREVIEW_STOPPED.line(), flush=True)


def _rebuild(root: Path, out: Path, base_url: str, clients: _Clients) -> None:
    try:
        build(root, out, strict=False, progress=lambda stage, seconds: None, base_url=base_url)
    except ProblemsFound as found:
        _show(list(found.problems), clients)
        return
    except Exception as error:  # a template or the disk failed: the preview goes on, showing why
        failed = failed_template(error, root) or said.PREVIEW_FAILED.at(Location("site-builder"), error=repr(error))
        _show([failed], clients)
        return
    print(said.REBUILT.line(), flush=True)
    clients.tell("reload", "{}")


def _show(problems: list[Problem], clients: _Clients) -> None:
    lines = [printed(p) for p in problems]
    print("\n".join(lines), file=sys.stderr, flush=True)
    print(said.LAST_GOOD_PAGES.line(), file=sys.stderr, flush=True)
    clients.tell("problems", json.dumps(lines, ensure_ascii=False))
