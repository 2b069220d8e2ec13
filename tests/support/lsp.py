"""A small Language Server Protocol client: drives `yaml-language-server` over stdio.

The server is the one VS Code's YAML extension runs, installed by `make setup` into
`editor/node_modules` from the committed `editor/package-lock.json`. The client speaks
JSON-RPC with `Content-Length` framing, answers the requests the server sends
(configuration, capability registration), and waits for replies and notifications by
event: every wait is bounded generously and fails with what arrived, never by a clock race.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "editor" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
#: How long one reply may take on a loaded 2-core machine; the normal case is under a second.
PATIENCE = 120.0


class LanguageServer:
    """One `yaml-language-server --stdio` process and the messages it sent."""

    def __init__(self, settings: dict[str, Any], root: Path) -> None:
        self._settings = settings
        self._process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0
        self._held: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "publishDiagnostics": {},
                    },
                },
                "locale": "vi",
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is not None:
                self._inbox.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification (no reply)."""
        self._send({"method": method, "params": params})

    def _answer(self, message: dict[str, Any]) -> None:
        """Reply to a request of the server: settings for each configuration item asked."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [
                self._settings.get(item.get("section", ""), None)
                for item in message["params"]["items"]
            ]
        self._send({"id": message["id"], "result": result})

    def _receive(self, wanted) -> dict[str, Any]:
        """The first message `wanted` accepts, held or next to arrive; the rest are held."""
        for message in self._held:
            if wanted(message):
                self._held.remove(message)
                return message
        seen = []
        while True:
            try:
                message = self._inbox.get(timeout=PATIENCE)
            except queue.Empty:
                raise AssertionError(f"yaml-language-server sent nothing wanted: {seen}") from None
            if message is None:
                raise AssertionError(f"yaml-language-server ended; it sent: {seen}")
            if "method" in message and "id" in message:
                self._answer(message)
            elif wanted(message):
                return message
            else:
                self._held.append(message)
                seen.append(message.get("method", message.get("id")))

    def request(self, method: str, params: dict[str, Any]) -> Any:
        """Send a request and wait for its result, answering the server's requests meanwhile."""
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        reply = self._receive(lambda m: m.get("id") == ident and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def open(self, path: Path, text: str) -> list[dict[str, Any]]:
        """Open `text` as the document at `path`; the diagnostics the server publishes for it."""
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        message = self._receive(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        return message["params"]["diagnostics"]

    @staticmethod
    def _at(path: Path, line: int, character: int) -> dict[str, Any]:
        position = {"line": line, "character": character}
        return {"textDocument": {"uri": path.as_uri()}, "position": position}

    def hover(self, path: Path, line: int, character: int) -> Any:
        """The hover at a 0-based line and character."""
        return self.request("textDocument/hover", self._at(path, line, character))

    def completion(self, path: Path, line: int, character: int) -> list[dict[str, Any]]:
        """The completion items at a 0-based line and character."""
        result = self.request("textDocument/completion", self._at(path, line, character))
        return result["items"] if isinstance(result, dict) else result

    def close(self) -> None:
        """Shut the server down as a client does, and reap the process."""
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self._process.wait(timeout=PATIENCE)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
