"""``diagnose(error)``: a failed OpenAI call's diagnosis, from the exception your code caught.

The evidence goes to the bundled ``openai-doctor explain --format json -`` on standard input:
an ``APIStatusError`` as the HTTP answer it carries (status line, response headers, body), any
other exception as its cause chain in Python's traceback wording, text as it is. Only the status
is passed as an argument; the environment given to the binary is empty but for ``NO_COLOR``, so
no key reaches a command line or the child's environment. Request headers (which hold the key)
are never read.
"""

import json
import subprocess
from http import HTTPStatus
from typing import Any, Dict, List, Optional, Tuple

from ._binary import binary_path

# Response headers that never carry diagnostic evidence and may carry a credential or session.
_DROPPED_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "api-key", "x-api-key", "openai-api-key"}
)
# Python's own wording between the links of a cause chain.
_CAUSE = "\n\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\n\nDuring handling of the above exception, another exception occurred:\n\n"
_MAX_CHAIN = 16


def diagnose(error: object, *, timeout: float = 10.0) -> Dict[str, Any]:
    """The diagnosis of ``error``, as the dict ``openai-doctor explain --format json`` holds.

    ``error`` may be an ``openai.APIStatusError`` (status, headers and body are used), an
    ``openai.APIConnectionError`` or ``APITimeoutError`` (with its cause chain), any exception,
    an error body (dict), or text. The keys are those of the JSON contract: ``cause``,
    ``layer``, ``retry``, ``confidence``, ``title``, ``explanation``, ``fixes``, ``decided_by``
    and ``evidence`` (``status``, ``request_id``, ``cf_ray``, ``error_code``, ``message``,
    ``markers``, ``notes``...). Keys in the input appear only as fingerprints.

    It never raises: input it cannot read, or a binary that cannot run, gives an ``unknown``
    diagnosis whose ``evidence.notes`` say why.
    """
    try:
        text, status = _evidence(error)
    except Exception:  # an object whose attributes or str() raise: its text is all there is
        text, status = _text(error), None
    return _explain(text, status, timeout)


def _evidence(error: object) -> Tuple[str, Optional[int]]:
    """The text explain reads, and the HTTP status when the error carries one."""
    if isinstance(error, str):
        return error, None
    if isinstance(error, (bytes, bytearray)):
        return bytes(error).decode("utf-8", "replace"), None
    if isinstance(error, BaseException):
        status = getattr(error, "status_code", None)
        response = getattr(error, "response", None)
        if isinstance(status, int) and not isinstance(status, bool) and response is not None:
            return _http_answer(status, response, getattr(error, "body", None)), status
        return _chain(error), None
    if isinstance(error, (dict, list)):
        return json.dumps(error, default=str), None
    return _text(error), None


def _http_answer(status: int, response: Any, body: object) -> str:
    """The response as an HTTP dump: status line, response headers, body."""
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    lines = [f"HTTP/1.1 {status} {reason}".rstrip()]
    for name, value in _headers(getattr(response, "headers", None)):
        if name.lower() not in _DROPPED_HEADERS:
            lines.append(f"{name}: {value}")
    return "\r\n".join(lines) + "\r\n\r\n" + _body(response, body)


def _headers(headers: Any) -> List[Tuple[str, str]]:
    """(name, value) pairs of an httpx ``Headers``, a mapping, or nothing."""
    if headers is None:
        return []
    try:
        items = headers.multi_items() if hasattr(headers, "multi_items") else headers.items()
        return [(str(name), str(value).replace("\r", " ").replace("\n", " ")) for name, value in items]
    except Exception:
        return []


def _body(response: Any, body: object) -> str:
    """The raw body when the response was read; else the SDK's decoded ``error`` object, wrapped back."""
    try:
        text = response.text
        if isinstance(text, str) and text:
            return text
    except Exception:  # a streamed response that was never read
        pass
    if isinstance(body, dict):
        # openai-python keeps the value of the body's "error" member as .body.
        return json.dumps(body if "error" in body else {"error": body}, default=str)
    return "" if body is None else _text(body)


def _chain(error: BaseException) -> str:
    """The exception and its causes, root first, in Python's traceback wording."""
    links: List[str] = []
    seen = set()
    current: Optional[BaseException] = error
    while current is not None and id(current) not in seen and len(links) < _MAX_CHAIN:
        seen.add(id(current))
        kind = type(current)
        name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        message = _text(current)
        nxt = current.__cause__
        joiner = _CAUSE
        if nxt is None and not current.__suppress_context__:
            nxt, joiner = current.__context__, _CONTEXT
        links.append((f"{name}: {message}" if message else name) + (joiner if nxt is not None else ""))
        current = nxt
    return "".join(reversed(links))


def _text(value: object) -> str:
    """``str(value)``, or its ``repr``, or the name of its type when both raise."""
    for render in (str, repr):
        try:
            return render(value)
        except Exception:
            continue
    return f"<{type(value).__name__}>"


def _explain(text: str, status: Optional[int], timeout: float) -> Dict[str, Any]:
    """Runs the bundled ``openai-doctor explain --format json -`` on ``text``."""
    arguments = [binary_path(), "explain", "--format", "json", "-"]
    if status is not None and 100 <= status <= 599:
        arguments += ["--status", str(status)]
    try:
        completed = subprocess.run(
            arguments,
            input=text.encode("utf-8", "replace"),
            capture_output=True,
            timeout=timeout,
            env={"NO_COLOR": "1"},
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError) as failure:
        return _unknown(f"openai-doctor explain could not run: {type(failure).__name__}")
    if completed.returncode != 0:
        reason = completed.stderr.decode("utf-8", "replace").strip()[:300]
        return _unknown(f"openai-doctor explain exited {completed.returncode}: {reason}")
    try:
        document = json.loads(completed.stdout)
        diagnosis = document.get("diagnosis") or (document.get("diagnoses") or [None])[0]
    except (ValueError, AttributeError, TypeError):
        diagnosis = None
    if not isinstance(diagnosis, dict):
        return _unknown("openai-doctor explain printed no diagnosis")
    return diagnosis


def _unknown(note: str) -> Dict[str, Any]:
    """An ``unknown`` diagnosis with the contract's keys, when the binary gave none."""
    evidence: Dict[str, Any] = {
        key: None
        for key in (
            "address", "cf_ray", "client", "error_code", "error_param", "error_type", "host", "key",
            "message", "provider", "request", "request_id", "status", "transport_error", "transport_phase",
        )
    }
    evidence.update(markers=[], notes=[note])
    return {
        "cause": "unknown",
        "layer": None,
        "retry": "no",
        "confidence": "low",
        "title": "The evidence does not tell",
        "explanation": "openai-doctor could not read this failure: " + note,
        "fixes": ["Run `openai-doctor explain` on the complete error text, or `openai-doctor check`."],
        "decided_by": [note],
        "evidence": evidence,
    }
