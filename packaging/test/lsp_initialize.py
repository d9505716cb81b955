#!/usr/bin/env python3
"""Starts `COMMAND... serve`, sends an LSP `initialize` (Content-Length framed, over stdin), and
checks the answer: a JSON-RPC response with the same id, `capabilities`, and `serverInfo.name`
connector-ls; then `shutdown` + `exit`, and the server must end with status 0.

    python3 lsp_initialize.py COMMAND [ARG...]      e.g. lsp_initialize.py /venv/bin/connector-ls

Exit status 0 when all of that held; the reason is printed otherwise."""
import json
import subprocess
import sys
import tempfile
import threading


def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("the server closed stdout before answering")
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        raise ValueError("a message without Content-Length")
    return json.loads(stream.read(length))


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    cmd = sys.argv[1:] + ["serve"]
    # stderr to a file: a pipe nobody reads could fill and block the server.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)
    # Nothing may hang the test: the whole exchange has 30 s.
    timer = threading.Timer(30, proc.kill)
    timer.start()
    try:
        proc.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
        proc.stdin.flush()
        while True:
            msg = read_message(proc.stdout)
            if msg.get("id") == 1:
                break
        result = msg.get("result") or {}
        name = (result.get("serverInfo") or {}).get("name")
        if "capabilities" not in result or name != "connector-ls":
            print("unexpected initialize response: %s" % json.dumps(msg)[:500])
            return 1
        proc.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        proc.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        proc.stdin.flush()
        while read_message(proc.stdout).get("id") != 2:
            pass
        proc.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.close()
        status = proc.wait()
        if status != 0:
            print("the server exited with status %d after shutdown/exit" % status)
            return 1
        version = (result.get("serverInfo") or {}).get("version")
        print("serve answered initialize: %s %s, %d capabilities" % (name, version, len(result["capabilities"])))
        return 0
    except (EOFError, ValueError, OSError) as e:
        log.seek(0)
        err = log.read().decode(errors="replace")[-2000:]
        print("LSP exchange failed: %s\n%s" % (e, err))
        return 1
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
