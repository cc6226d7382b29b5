#!/usr/bin/env python3
"""`openai-doctor mcp` driven by a real MCP client: the official Python SDK (PyPI `mcp`).

Starts the BUILT binary over stdio exactly as a coding agent does, with a key generated at run
time in its environment (OPENAI_API_KEY) and planted in the inputs, and checks:

- tools/list: the five tools, their argument names, read-only annotations, result schemas
  (the client validates every structured result against them);
- explain on docs/errors-catalogue.md bodies: the diagnosis object, identical to what
  `openai-doctor explain --format json` prints for the same input;
- check against the project's own mock (`openai-doctor mock --port 0` on 127.0.0.1) serving
  the region refusal, within its timeout;
- redact and audit with the planted key; describe_cause;
- a bad argument is a tool error naming it, an unknown tool an MCP protocol error;
- the key appears in no result and in no line the server wrote to standard error.

Usage: test_mcp_client.py [PATH-TO-openai-doctor]   (default: .build/debug/openai-doctor)

Without the `mcp` package it skips loudly (exit 0), except under CI=true, where it fails.
Ends with the line "N passed, N failed"; exits 1 when a check failed.
"""

import asyncio
import json
import os
import secrets
import string
import subprocess
import sys
import tempfile
import time
import traceback

try:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    try:
        from mcp.shared.exceptions import MCPError
    except ImportError:  # the 1.x name
        from mcp.shared.exceptions import McpError as MCPError
except ImportError as missing:
    if os.environ.get("CI") == "true":
        print(f"FAIL: the MCP Python SDK is not installed ({missing}); .ci/run installs it with `pip install mcp`")
        sys.exit(1)
    print("=" * 78)
    print(f"SKIPPED: MCP client test: the Python package `mcp` is missing ({missing}).")
    print("         Install it with `pip install mcp` to run it (CI=true makes this a failure).")
    print("=" * 78)
    sys.exit(0)


def generated_key():
    """A project key of the real shape, random at every run (never a committed literal)."""
    alphabet = string.ascii_letters + string.digits
    part = lambda n: "".join(secrets.choice(alphabet) for _ in range(n))  # noqa: E731
    return "sk-proj-" + part(74) + "T3Blbk" + "FJ" + part(74)


def field(obj, snake, camel=None):
    """An attribute under its 2.x (snake_case) or 1.x (camelCase) name."""
    if hasattr(obj, snake):
        return getattr(obj, snake)
    return getattr(obj, camel or snake)


def text_of(result):
    return "\n".join(getattr(c, "text", "") for c in result.content)


# docs/errors-catalogue.md, "OpenAI error bodies": the region refusal (403) and the quota error (429),
# with the message, type and code as captured, in the API's envelope.
REGION_BODY = json.dumps({
    "error": {
        "code": "unsupported_country_region_territory",
        "message": "Country, region, or territory not supported",
        "param": None,
        "type": "request_forbidden",
    }
}, indent=2)
QUOTA_BODY = json.dumps({
    "error": {
        "message": "You exceeded your current quota, please check your plan and billing details. For more "
                   "information on this error, read the docs: "
                   "https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "type": "insufficient_quota",
        "param": None,
        "code": "insufficient_quota",
    }
}, indent=2)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, name, detail=""):
        if condition:
            self.passed += 1
            print(f"  ok   {name}")
        else:
            self.failed += 1
            print(f"  FAIL {name}" + (f": {detail}" if detail else ""))


def start_mock(binary, scenario):
    """`openai-doctor mock --port 0` on loopback; returns the process and its base URL."""
    process = subprocess.Popen(
        [binary, "mock", "--host", "127.0.0.1", "--port", "0", "--scenario", scenario],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_COLOR": "1"},
    )
    line = process.stdout.readline().strip()
    prefix = "listening on "
    if not line.startswith(prefix):
        process.kill()
        raise RuntimeError(f"the mock did not start: {line!r}")
    return process, line[len(prefix):]


def cli_explain_json(binary, text, status):
    """What `openai-doctor explain --format json` prints for the same input."""
    run = subprocess.run(
        [binary, "explain", "--format", "json", "--status", str(status)], input=text, capture_output=True,
        text=True, timeout=60, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_COLOR": "1"},
    )
    return json.loads(run.stdout)


async def session_checks(binary, key, workdir, errlog, mock_url, checks):
    environment = {
        "OPENAI_API_KEY": key,
        "OPENAI_DOCTOR_LOG_LEVEL": "debug",
        "NO_COLOR": "1",
    }
    parameters = StdioServerParameters(command=binary, args=["mcp"], env=environment, cwd=workdir)
    async with stdio_client(parameters, errlog=errlog) as (read, write):
        async with ClientSession(read, write) as session:
            initialized = await session.initialize()
            info = field(initialized, "server_info", "serverInfo")
            checks.expect(info.name == "openai-doctor", "initialize: the server names itself openai-doctor", info.name)

            # tools/list
            listed = await session.list_tools()
            tools = {tool.name: tool for tool in listed.tools}
            checks.expect(sorted(tools) == ["audit", "check", "describe_cause", "explain", "redact"],
                          "tools/list: explain, check, redact, audit, describe_cause", sorted(tools))
            arguments = {
                "explain": {"text", "status", "headers"},
                "check": {"base_url", "model", "timeout", "org", "project", "key_env", "proxy", "no_proxy",
                          "resolve", "cacert", "status_url", "no_dotenv", "runtime"},
                "redact": {"text", "emails"},
                "audit": {"path", "no_ignore", "credentials_only"},
                "describe_cause": {"cause"},
            }
            for name, tool in tools.items():
                annotations = tool.annotations
                checks.expect(
                    annotations is not None and field(annotations, "read_only_hint", "readOnlyHint") is True
                    and field(annotations, "destructive_hint", "destructiveHint") is False,
                    f"tools/list: {name} is annotated read-only and not destructive")
                checks.expect(field(annotations, "open_world_hint", "openWorldHint") is (name == "check"),
                              f"tools/list: {name} openWorldHint only for check")
                schema = field(tool, "input_schema", "inputSchema")
                checks.expect(set(schema.get("properties", {})) == arguments.get(name),
                              f"tools/list: {name} takes {sorted(arguments.get(name, []))}",
                              sorted(schema.get("properties", {})))
                checks.expect(field(tool, "output_schema", "outputSchema") is not None,
                              f"tools/list: {name} declares an output schema")
            checks.expect(field(tools["explain"], "input_schema", "inputSchema").get("required") == ["text"],
                          "tools/list: explain requires text only")

            results = []

            async def call(name, args):
                result = await session.call_tool(name, args)
                results.append(result)
                return result

            # explain: catalogue bodies, the same document as the CLI's --format json
            for body, status, cause, retry in [(REGION_BODY, 403, "region.unsupported", "no"),
                                               (QUOTA_BODY, 429, "billing.quota_exceeded", "no")]:
                result = await call("explain", {"text": body, "status": status})
                structured = field(result, "structured_content", "structuredContent") or {}
                diagnosis = structured.get("diagnosis", {})
                checks.expect(not field(result, "is_error", "isError") and diagnosis.get("cause") == cause,
                              f"explain: {status} catalogue body is {cause}", diagnosis.get("cause"))
                checks.expect(diagnosis.get("retry") == retry and diagnosis.get("layer") == "openai",
                              f"explain: {cause} layer openai, retry {retry}")
                checks.expect(diagnosis.get("evidence", {}).get("status") == status,
                              f"explain: {cause} evidence status {status}")
                checks.expect(json.loads(text_of(result)) == structured,
                              f"explain: {cause} text content is the structured document")
                checks.expect(structured == cli_explain_json(binary, body, status),
                              f"explain: {cause} result equals `openai-doctor explain --format json`")

            result = await call("explain", {"text": "error code: 1020", "status": 403,
                                            "headers": ["server: cloudflare", "cf-ray: 8f1a2b3c4d5e6f70-FRA"]})
            diagnosis = (field(result, "structured_content", "structuredContent") or {}).get("diagnosis", {})
            checks.expect(diagnosis.get("cause") == "edge.blocked"
                          and diagnosis.get("evidence", {}).get("cf_ray") == "8f1a2b3c4d5e6f70-FRA",
                          "explain: headers reach the classifier (Cloudflare 1020 is edge.blocked)", diagnosis.get("cause"))

            planted = (f"openai.AuthenticationError: Error code: 401 - {{'error': {{'message': 'Incorrect API key "
                       f"provided: {key}.', 'type': 'invalid_request_error', 'param': None, 'code': "
                       f"'invalid_api_key'}}}}\nAuthorization: Bearer {key}\n")
            result = await call("explain", {"text": planted})
            diagnosis = (field(result, "structured_content", "structuredContent") or {}).get("diagnosis", {})
            checks.expect(diagnosis.get("cause") == "key.invalid", "explain: a pasted 401 with the key is key.invalid",
                          diagnosis.get("cause"))

            # redact
            dump = f"POST /v1/responses HTTP/2\nauthorization: Bearer {key}\nx-request-id: req_9a8b7c6d5e4f3a2b\n"
            result = await call("redact", {"text": dump})
            structured = field(result, "structured_content", "structuredContent") or {}
            safe = structured.get("text", "")
            checks.expect(key not in safe and f"sk-proj-…{key[-4:]}" in safe,
                          "redact: the key becomes its fingerprint", safe)
            checks.expect("x-request-id: req_9a8b7c6d5e4f3a2b" in safe and safe.count("\n") == dump.count("\n"),
                          "redact: request id and line count kept")
            checks.expect(structured.get("secrets", 0) >= 1, "redact: counts the secrets replaced", structured.get("secrets"))

            # audit
            leaked = os.path.join(workdir, "leaky")
            os.makedirs(leaked, exist_ok=True)
            with open(os.path.join(leaked, "app.py"), "w") as handle:
                handle.write(f'import openai\nclient = openai.OpenAI(api_key="{key}")\n')
            result = await call("audit", {"path": leaked})
            findings = (field(result, "structured_content", "structuredContent") or {}).get("findings", [])
            checks.expect(len(findings) == 1 and findings[0].get("line") == 2
                          and findings[0].get("fingerprint") == f"sk-proj-…{key[-4:]}",
                          "audit: the planted key is found at app.py:2 by fingerprint", findings)

            # describe_cause
            result = await call("describe_cause", {"cause": "region.unsupported"})
            structured = field(result, "structured_content", "structuredContent") or {}
            checks.expect(structured.get("cause") == "region.unsupported" and structured.get("layer") == "openai"
                          and structured.get("retry") == "no" and len(structured.get("fixes", [])) >= 1,
                          "describe_cause: region.unsupported is layer openai, retry no, with fixes", structured)

            # check against the mock, bounded by its timeout
            started = time.monotonic()
            result = await call("check", {"base_url": mock_url + "/v1", "status_url": mock_url,
                                          "model": "gpt-4o-mini", "timeout": 15, "no_dotenv": True})
            elapsed = time.monotonic() - started
            structured = field(result, "structured_content", "structuredContent") or {}
            checks.expect(not field(result, "is_error", "isError") and structured.get("verdict") == "problem",
                          "check: the mock's region refusal is a problem", text_of(result)[:300])
            checks.expect((structured.get("diagnosis") or {}).get("cause") == "region.unsupported",
                          "check: the primary cause is region.unsupported")
            checks.expect(structured.get("schema_version") == 1 and isinstance(structured.get("checks"), list)
                          and structured.get("tool", {}).get("name") == "openai-doctor",
                          "check: the report of check --format json")
            checks.expect(f"sk-proj-…{key[-4:]}" in text_of(result), "check: the key shows as its fingerprint")
            checks.expect(elapsed < 15 + 5, f"check: ended within its timeout ({elapsed:.1f} s)")

            # errors: a bad argument is a tool error naming it; an unknown tool is a protocol error
            for name, args, argument in [("explain", {"text": "x", "status": 42}, "status"),
                                         ("explain", {"status": 403}, "text"),
                                         ("describe_cause", {"cause": "region.nowhere"}, "cause"),
                                         ("check", {"timeout": -1}, "timeout")]:
                result = await call(name, args)
                checks.expect(field(result, "is_error", "isError") is True and argument in text_of(result),
                              f"errors: {name} with a bad `{argument}` is a tool error naming it", text_of(result))
            try:
                await session.call_tool("diagnose", {"text": key})
                checks.expect(False, "errors: an unknown tool is an MCP protocol error")
            except MCPError as error:
                checks.expect(error.error.code == -32602 and "explain" in error.error.message,
                              "errors: an unknown tool is an MCP protocol error (-32602) listing the tools",
                              f"{error.error.code} {error.error.message}")
                checks.expect(key not in error.error.message, "errors: the protocol error does not echo the key")

            leaks = [i for i, r in enumerate(results) if key in text_of(r)
                     or key in json.dumps(field(r, "structured_content", "structuredContent"))]
            checks.expect(not leaks, f"no result holds the key ({len(results)} results)", leaks)


def piped_session_checks(binary, key, checks):
    """A client that writes its requests and closes its end at once (`printf … | openai-doctor mcp`)
    gets every answer, and standard output holds nothing but JSON-RPC messages."""
    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "pipe", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "redact", "arguments": {"text": f"Authorization: Bearer {key}\n"}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
         "params": {"name": "explain", "arguments": {"text": REGION_BODY, "status": 403}}},
    ]
    run = subprocess.run(
        [binary, "mcp"], input="".join(json.dumps(r) + "\n" for r in requests), capture_output=True, text=True,
        timeout=60, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OPENAI_API_KEY": key},
    )
    messages = []
    for line in run.stdout.splitlines():
        try:
            messages.append(json.loads(line))
        except ValueError:
            messages.append({"not_json": line})
    checks.expect(all(m.get("jsonrpc") == "2.0" for m in messages),
                  "piped: standard output holds only JSON-RPC messages", run.stdout[:300])
    answered = sorted(m.get("id") for m in messages if "result" in m)
    checks.expect(answered == [1, 2, 3], "piped: every request is answered after the client closed its end", answered)
    checks.expect(run.returncode == 0, "piped: the server exits 0 when the client closes", run.returncode)
    checks.expect(key not in run.stdout and key not in run.stderr, "piped: the key is in neither stream")


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/openai-doctor")
    if not os.access(binary, os.X_OK):
        print(f"FAIL: no built binary at {binary} (run swift build first)")
        sys.exit(1)
    print(f"MCP client test: official Python SDK driving {binary} mcp")
    checks = Checks()
    key = generated_key()
    mock, mock_url = start_mock(binary, "region.unsupported")
    try:
        piped_session_checks(binary, key, checks)
        with tempfile.TemporaryDirectory(prefix="mcp-client-") as workdir, \
                tempfile.TemporaryFile(mode="w+", prefix="mcp-stderr-") as errlog:
            try:
                asyncio.run(asyncio.wait_for(session_checks(binary, key, workdir, errlog, mock_url, checks), 180))
            except Exception:  # a broken session is a failure with its traceback, not a crash
                checks.expect(False, "the MCP session ran to its end", traceback.format_exc())
            errlog.seek(0)
            lines = errlog.read().splitlines()
            checks.expect(any("tool call" in line for line in lines),
                          f"stderr: the server logged its tool calls ({len(lines)} lines)")
            checks.expect(not [line for line in lines if key in line], "stderr: no line holds the key")
            checks.expect(not [line for line in lines if key[8:40] in line], "stderr: no line holds part of the key")
    finally:
        mock.terminate()
        try:
            mock.wait(timeout=10)
        except subprocess.TimeoutExpired:
            mock.kill()
    print(f"{checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
