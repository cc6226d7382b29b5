"""openai_doctor.diagnose() on real openai-python exceptions, raised against the mock.

    PYTHON Tests/packages/test_diagnose.py

Run with the interpreter of a virtual environment where the wheel is installed and `openai`
importable (scripts/test-wheel.sh makes one). The installed wheel's own `openai-doctor mock`
serves each scenario on 127.0.0.1 (port 0); the client uses a key of the real shape made at run
time, which must not appear in any diagnosis. Last line: "diagnose: N passed, N failed".
"""

import json
import os
import secrets
import signal
import socket
import string
import subprocess
import sys

import openai
import openai_doctor

passed = 0
failed = 0


def check(condition: bool, what: str, detail: object = "") -> None:
    global passed, failed
    if condition:
        passed += 1
        print(f"  ok   {what}")
    else:
        failed += 1
        print(f"  FAIL {what}: {str(detail)[:1500]}")


def make_key() -> str:
    alphabet = string.ascii_letters + string.digits
    return "sk-proj-" + "".join(secrets.choice(alphabet) for _ in range(156))


class Mock:
    """`openai-doctor mock --scenario SCENARIO` from the installed wheel, on a free loopback port."""

    def __init__(self, scenario: str) -> None:
        self.process = subprocess.Popen(
            [openai_doctor.binary_path(), "mock", "--scenario", scenario, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        first = self.process.stdout.readline()
        if not first.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"the mock did not start: {first!r}")
        self.address = first.split()[2]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def failure_from(base_url: str, key: str) -> BaseException:
    """The exception openai-python raises for one chat completion against base_url."""
    client = openai.OpenAI(api_key=key, base_url=base_url, max_retries=0, timeout=10)
    try:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    except Exception as error:  # the point: whatever the SDK raises
        return error
    raise AssertionError("the call succeeded")


def diagnose_scenario(scenario: str, expected_cause: str, expected_type: type, key: str) -> None:
    mock = Mock(scenario)
    try:
        error = failure_from(mock.address + "/v1", key)
    finally:
        mock.stop()
    check(isinstance(error, expected_type), f"{scenario}: openai raises {expected_type.__name__}", repr(error))
    diagnosis = openai_doctor.diagnose(error)
    text = json.dumps(diagnosis, ensure_ascii=False)
    check(diagnosis.get("cause") == expected_cause, f"{scenario}: diagnose() gives {expected_cause}", text)
    status = getattr(error, "status_code", None)
    evidence = diagnosis.get("evidence") or {}
    check(evidence.get("status") == status, f"{scenario}: evidence.status is {status}", evidence)
    request_id = getattr(error, "request_id", None)
    if request_id:
        check(evidence.get("request_id") == request_id, f"{scenario}: evidence.request_id is the header's", evidence)
    check(key not in text and key[-40:] not in text, f"{scenario}: no key in the diagnosis", "the key is in it")
    for field in ("cause", "layer", "retry", "confidence", "title", "explanation", "fixes", "evidence"):
        if field not in diagnosis:
            check(False, f"{scenario}: the diagnosis has {field}", sorted(diagnosis))


def main() -> None:
    key = make_key()
    print(f"=== diagnose() with openai {openai.__version__}, binary {openai_doctor.binary_path()}")
    diagnose_scenario("billing.quota_exceeded", "billing.quota_exceeded", openai.RateLimitError, key)
    diagnose_scenario("region.unsupported", "region.unsupported", openai.PermissionDeniedError, key)

    # A refused port: bound, then closed, so nothing listens there.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = failure_from(f"http://127.0.0.1:{port}/v1", key)
    check(isinstance(error, openai.APIConnectionError), "refused port: openai raises APIConnectionError", repr(error))
    diagnosis = openai_doctor.diagnose(error)
    check(diagnosis.get("cause") == "network.connect", "refused port: diagnose() gives network.connect", diagnosis)
    check(key not in json.dumps(diagnosis, ensure_ascii=False), "refused port: no key in the diagnosis", "the key is in it")

    # A key in text reaches the result as its fingerprint only, and the binary's argv holds no key.
    diagnosis = openai_doctor.diagnose(f"openai.AuthenticationError: Error code: 401 - Incorrect API key provided: {key}")
    text = json.dumps(diagnosis, ensure_ascii=False)
    check(key not in text and "…" + key[-4:] in text, "text with a key: only its fingerprint comes back", text)

    # Bad inputs: an unknown diagnosis, never an exception.
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("no")

        def __repr__(self) -> str:
            raise RuntimeError("no")

    for label, value in (
        ("None", None),
        ("an int", 12),
        ("an unprintable object", Unprintable()),
        ("invalid UTF-8 bytes", b"\xff\xfe\x00"),
        ("an empty string", ""),
        ("an unrelated exception", ValueError("list index out of range")),
    ):
        try:
            diagnosis = openai_doctor.diagnose(value)
            check(diagnosis.get("cause") == "unknown", f"{label}: diagnose() gives unknown", diagnosis.get("cause"))
        except Exception as error:
            check(False, f"{label}: diagnose() must not raise", repr(error))

    # Any exception with a cause chain: Python's own ConnectionRefusedError under a wrapper.
    try:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5)
        except OSError as refused:
            raise RuntimeError("could not reach the model server") from refused
    except RuntimeError as wrapped:
        diagnosis = openai_doctor.diagnose(wrapped)
        check(diagnosis.get("cause") == "network.connect", "a wrapped ConnectionRefusedError gives network.connect",
              diagnosis.get("cause"))

    # A binary that cannot run: unknown, with the reason in its notes.
    saved = openai_doctor._diagnose.binary_path
    openai_doctor._diagnose.binary_path = lambda: "/nonexistent/openai-doctor"
    try:
        diagnosis = openai_doctor.diagnose("429 insufficient_quota")
        check(diagnosis["cause"] == "unknown" and "could not run" in diagnosis["evidence"]["notes"][0],
              "a missing binary gives unknown with the reason", diagnosis)
    finally:
        openai_doctor._diagnose.binary_path = saved

    print(f"diagnose: {passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
