/// The probe programs `check --runtime` carries: each makes the same zero-cost requests as `check`
/// (`GET` of the models list, and of the trace endpoint `OPENAI_DOCTOR_TRACE_URL` beside it when
/// set) with its runtime's own defaults — no flag that changes trust or proxy — and prints one
/// JSON line: versions, the proxy chosen for the API URL, where the trust anchors come from, the
/// address connected to, the outcome (status, body excerpt and request id, or the exception
/// chain), the trace's status and body (or its exception chain), the clients passed over with why
/// (`skipped`), and the `openai` SDK found (`sdk`). The key reaches them in the environment only.
///
/// They are written to a private temporary directory at run time and removed afterwards (Java
/// runs its file as a single-file source program, `java Probe.java`, which compiles in memory).
/// curl needs no program: ``RuntimeInvocation`` gives it a configuration on standard input, and
/// its trace request is a second curl process beside the first.
enum RuntimePrograms {
    /// Python: the `openai` SDK's default client if importable and new enough to have `OpenAI`,
    /// else httpx, else urllib; each client passed over is listed under `skipped` with why.
    static let python = #"""
        # openai-doctor runtime probe (Python): one zero-cost GET of the models list and one of the
        # trace endpoint with this interpreter's own defaults, then one JSON line on standard output.
        # The key is read from the environment only; nothing is written anywhere else.
        import json, os, platform, ssl, sys, threading, time

        url = os.environ["OPENAI_DOCTOR_URL"]
        base = os.environ["OPENAI_DOCTOR_BASE_URL"]
        trace_url = os.environ.get("OPENAI_DOCTOR_TRACE_URL")
        timeout = float(os.environ.get("OPENAI_DOCTOR_TIMEOUT", "10"))
        key = os.environ.get("OPENAI_API_KEY", "")
        azure = os.environ.get("OPENAI_DOCTOR_AUTH") == "api-key"
        out = {"runtime": "python", "version": "Python " + platform.python_version(), "client": None, "proxy": None,
               "trust": None, "address": None, "status": None, "body": None, "request_id": None, "errors": [],
               "trace": None, "skipped": [], "sdk": None}
        traced = {}
        started = time.monotonic()
        KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


        def cut(text, limit):
            # An excerpt never ends inside a token: a key cut short would be too short for the
            # tool's redactor to recognise. (A run longer than any key is not one: kept.)
            if len(text) <= limit:
                return text
            excerpt = text[:limit]
            stripped = excerpt.rstrip(KEY_CHARACTERS)
            return stripped if len(excerpt) - len(stripped) <= 256 else excerpt


        class Unusable(Exception):
            """A client that is importable but cannot make the request (too old, or not for this flavour)."""


        def headers():
            h = {"api-key": key} if azure else {"Authorization": "Bearer " + key}
            for name, header in (("OPENAI_ORG_ID", "OpenAI-Organization"), ("OPENAI_PROJECT_ID", "OpenAI-Project")):
                if os.environ.get(name) and not azure:
                    h[header] = os.environ[name]
            return h


        def chain(error):
            seen = []
            while error is not None and len(seen) < 8:
                name = type(error).__module__ + "." + type(error).__qualname__
                seen.append({"type": name, "message": cut(str(error), 600)})
                error = error.__cause__ or error.__context__
            return seen


        def skip(client, error):
            out["skipped"].append({"client": client, "reason": cut("%s: %s" % (type(error).__name__, error), 600)})


        def start_trace(send):
            # The trace request runs beside the models request, each bounded by the timeout.
            if not trace_url:
                return None

            def run():
                try:
                    status, body = send()
                    traced["entry"] = {"status": status, "body": cut(body, 2000), "errors": []}
                except Exception as error:
                    traced["entry"] = {"status": None, "body": None, "errors": chain(error)}

            thread = threading.Thread(target=run, daemon=True)
            thread.start()
            return thread


        def finish_trace(thread):
            if thread is None:
                return
            thread.join(max(0.1, timeout - (time.monotonic() - started)))
            out["trace"] = traced.get("entry") or {
                "status": None, "body": None,
                "errors": [{"type": "timeout", "message": "no answer within %.1f s" % timeout}]}


        def http_module(client):
            for cls in type(client).__mro__:
                root = cls.__module__.split(".")[0]
                if root.startswith("httpx"):
                    return sys.modules[root]
            return None


        def trust_httpx(module):
            # What the library's default SSL context loads (read from httpx 0.28-0.29 and httpx2 2.17):
            # SSL_CERT_FILE, then SSL_CERT_DIR; then httpx loads certifi, httpx2 the system store
            # (truststore on Windows and macOS).
            if "truststore" in sys.modules and getattr(sys.modules["truststore"], "_api", None) is not None:
                injected = getattr(ssl.SSLContext, "__module__", "").startswith("truststore")
                if injected:
                    return "system (truststore injected)"
            if os.environ.get("SSL_CERT_FILE"):
                return "SSL_CERT_FILE " + os.environ["SSL_CERT_FILE"]
            if os.environ.get("SSL_CERT_DIR"):
                return "SSL_CERT_DIR " + os.environ["SSL_CERT_DIR"]
            if module is not None and module.__name__ == "httpx":
                try:
                    import certifi
                    return "certifi " + certifi.where()
                except Exception:
                    return "certifi (not importable)"
            if platform.system() in ("Windows", "Darwin"):
                return "system (truststore)"
            paths = ssl.get_default_verify_paths()
            store = paths.openssl_cafile if os.path.isfile(paths.openssl_cafile) else paths.openssl_capath
            return "system store " + store


        def proxy_httpx(client):
            try:
                transport = client._transport_for_url(http_module(client).URL(url))
                pool = getattr(transport, "_pool", None)
                proxy = getattr(pool, "_proxy_url", None)
                if proxy is None:
                    return "none"
                port = proxy.port
                return "%s://%s%s" % (proxy.scheme.decode(), proxy.host.decode(), ":%d" % port if port else "")
            except Exception as error:
                return "unknown (%s)" % type(error).__name__


        def note_address(response):
            # A response hook runs while the connection is still open: the peer it connected to.
            try:
                if response.request.url.path.endswith("/cdn-cgi/trace"):
                    return
                peer = response.extensions["network_stream"].get_extra_info("server_addr")
                if peer:
                    out["address"] = "[%s]:%d" % (peer[0], peer[1]) if ":" in peer[0] else "%s:%d" % (peer[0], peer[1])
            except Exception:
                pass


        def record(response):
            out["status"] = response.status_code
            out["request_id"] = response.headers.get("x-request-id")
            if response.status_code >= 400:
                out["body"] = cut(response.text, 2000)


        def trace_with(client):
            def send():
                response = client.get(trace_url)
                return response.status_code, response.text
            return send


        def run_openai():
            import openai
            version = getattr(openai, "__version__", None) or getattr(getattr(openai, "version", None), "VERSION", None)
            out["sdk"] = {"name": "openai", "version": version}
            name = "openai %s" % version if version else "openai"
            try:
                if azure:
                    raise Unusable("the Azure flavour is probed with httpx")
                # openai 0.x has no OpenAI client: AttributeError, as an app written for 1.x meets it.
                client = openai.OpenAI(api_key=key, base_url=base, timeout=timeout, max_retries=0)
                http = client._client
            except (AttributeError, Unusable) as error:
                skip(name, error)
                raise Unusable(str(error))
            module = http_module(http)
            library = module.__name__ if module else "?"
            out["client"] = "openai %s (%s %s)" % (openai.__version__, library, getattr(module, "__version__", "?"))
            out["trust"] = trust_httpx(module)
            out["proxy"] = proxy_httpx(http)
            http.event_hooks["response"].append(note_address)
            thread = start_trace(trace_with(http))
            try:
                raw = client.models.with_raw_response.list()
                record(raw.http_response)
            except openai.APIStatusError as error:
                record(error.response)
            except Exception as error:
                out["errors"] = chain(error)
            finish_trace(thread)


        def run_httpx():
            import httpx
            out["client"] = "httpx %s" % httpx.__version__
            out["trust"] = trust_httpx(httpx)
            with httpx.Client(timeout=timeout, event_hooks={"response": [note_address]}) as client:
                out["proxy"] = proxy_httpx(client)
                thread = start_trace(trace_with(client))
                try:
                    record(client.get(url, headers=headers()))
                except Exception as error:
                    out["errors"] = chain(error)
                finish_trace(thread)


        def run_urllib():
            import urllib.error
            import urllib.request
            out["client"] = "urllib (Python %s)" % platform.python_version()
            paths = ssl.get_default_verify_paths()
            out["trust"] = "system store " + (paths.cafile or paths.capath or "OpenSSL default")
            host = urllib.request.urlparse(url).hostname or ""
            proxies = urllib.request.getproxies()
            chosen = proxies.get(urllib.request.urlparse(url).scheme)
            out["proxy"] = "none" if not chosen or urllib.request.proxy_bypass(host) else chosen

            def send_trace():
                try:
                    with urllib.request.urlopen(trace_url, timeout=timeout) as answer:
                        return answer.status, answer.read(4000).decode("utf-8", "replace")
                except urllib.error.HTTPError as error:
                    return error.code, cut(error.read(2001).decode("utf-8", "replace"), 2000)

            thread = start_trace(send_trace)
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers()), timeout=timeout) as answer:
                    out["status"] = answer.status
                    out["request_id"] = answer.headers.get("x-request-id")
            except urllib.error.HTTPError as error:
                out["status"] = error.code
                out["request_id"] = error.headers.get("x-request-id")
                out["body"] = cut(error.read(2001).decode("utf-8", "replace"), 2000)
            except Exception as error:
                out["errors"] = chain(error)
            finish_trace(thread)


        try:
            try:
                run_openai()
            except (ImportError, Unusable) as error:
                if isinstance(error, ImportError):
                    skip("openai", error)
                try:
                    run_httpx()
                except ImportError as error:
                    skip("httpx", error)
                    run_urllib()
        except Exception as error:
            out["errors"] = chain(error)
        print(json.dumps(out))
        """#

    /// Node: the `openai` package when it resolves from the working directory, else the global `fetch`.
    static let node = #"""
        // openai-doctor runtime probe (Node): one zero-cost GET of the models list through the global
        // fetch (undici) with this Node's own defaults (or the `openai` package when it resolves from the
        // working directory), and one of the trace endpoint through fetch, then one JSON line on standard
        // output. The key is read from the environment only.
        import dc from 'node:diagnostics_channel';
        import { createRequire } from 'node:module';
        import tls from 'node:tls';

        const env = process.env;
        const url = env.OPENAI_DOCTOR_URL;
        const base = env.OPENAI_DOCTOR_BASE_URL;
        const traceURL = env.OPENAI_DOCTOR_TRACE_URL;
        const timeoutMS = Math.round(parseFloat(env.OPENAI_DOCTOR_TIMEOUT || '10') * 1000);
        const key = env.OPENAI_API_KEY || '';
        const azure = env.OPENAI_DOCTOR_AUTH === 'api-key';
        const out = {
          runtime: 'node', version: 'Node ' + process.version, client: null, proxy: null, trust: null, address: null,
          status: null, body: null, request_id: null, errors: [], trace: null, skipped: [], sdk: null,
        };

        dc.subscribe('undici:client:connected', (message) => {
          const socket = message.socket;
          if (socket && socket.remoteAddress) {
            const host = socket.remoteAddress.includes(':') ? `[${socket.remoteAddress}]` : socket.remoteAddress;
            out.address = `${host}:${socket.remotePort}`;
          }
        });

        // Node reads the proxy variables for fetch only with NODE_USE_ENV_PROXY=1 or --use-env-proxy,
        // from v24.0.0 and v22.21.0; earlier releases never do.
        const [major, minor] = process.versions.node.split('.').map(Number);
        const envProxySupported = major >= 24 || (major === 22 && minor >= 21);
        const envProxyOn = env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy')
          || (env.NODE_OPTIONS || '').includes('--use-env-proxy');
        if (envProxySupported && envProxyOn) {
          const target = new URL(url);
          const chosen = target.protocol === 'https:'
            ? (env.HTTPS_PROXY || env.https_proxy)
            : (env.HTTP_PROXY || env.http_proxy);
          out.proxy = chosen ? `${chosen} (NODE_USE_ENV_PROXY, unless NO_PROXY matches)` : 'none';
        } else {
          out.proxy = 'none';
        }

        const systemCA = (env.NODE_USE_SYSTEM_CA === '1') || (env.NODE_OPTIONS || '').includes('--use-system-ca')
          || process.execArgv.includes('--use-system-ca');
        // The bundled store's size is counted only when a certificate was refused, where the report
        // reads it: listing the roots costs about 60 ms of CPU, a third of this probe.
        function describeTrust() {
          const refused = out.errors.some((e) => /CERT|SELF_SIGNED|UNABLE_TO|TLS|SSL/.test(e.code || ''));
          let trust = systemCA
            ? 'system store (--use-system-ca)'
            : refused ? `Node bundled Mozilla store (${tls.rootCertificates.length} roots)` : 'Node bundled Mozilla store';
          if (env.NODE_EXTRA_CA_CERTS) trust += ` + NODE_EXTRA_CA_CERTS ${env.NODE_EXTRA_CA_CERTS}`;
          return trust;
        }

        // An excerpt never ends inside a token: a key cut short would be too short for the tool's
        // redactor to recognise. (A run longer than any key is not one: kept.)
        const cut = (text, limit) => {
          if (text.length <= limit) return text;
          const excerpt = text.slice(0, limit);
          const run = /[A-Za-z0-9_-]+$/.exec(excerpt);
          return run && run[0].length <= 256 ? excerpt.slice(0, run.index) : excerpt;
        };

        function chain(error) {
          const seen = [];
          let current = error;
          while (current && seen.length < 8) {
            const entry = {
              type: current.name || current.constructor?.name || 'Error',
              message: cut(String(current.message || current), 600),
            };
            if (current.code) entry.code = String(current.code);
            seen.push(entry);
            current = current.cause;
          }
          return seen;
        }

        function headers() {
          const result = azure ? { 'api-key': key } : { Authorization: `Bearer ${key}` };
          if (!azure && env.OPENAI_ORG_ID) result['OpenAI-Organization'] = env.OPENAI_ORG_ID;
          if (!azure && env.OPENAI_PROJECT_ID) result['OpenAI-Project'] = env.OPENAI_PROJECT_ID;
          return result;
        }

        async function record(response) {
          out.status = response.status;
          out.request_id = response.headers.get('x-request-id');
          if (response.status >= 400) out.body = cut(await response.text(), 2000);
        }

        async function viaSDK() {
          let OpenAI;
          try {
            const require = createRequire(process.cwd() + '/');
            const path = require.resolve('openai');
            const module = await import(path);
            OpenAI = module.OpenAI || module.default?.OpenAI || module.default;
            const version = require('openai/package.json').version;
            out.sdk = { name: 'openai', version };
            out.client = `openai ${version} (fetch, undici ${process.versions.undici})`;
          } catch {
            return false;
          }
          if (azure) return false;
          const client = new OpenAI({ apiKey: key, baseURL: base, maxRetries: 0, timeout: timeoutMS });
          try {
            const { response } = await client.models.list().withResponse();
            await record(response);
          } catch (error) {
            if (error && typeof error.status === 'number') {
              out.status = error.status;
              out.request_id = error.request_id || error.headers?.get?.('x-request-id') || null;
              out.body = cut(JSON.stringify(error.error ?? { message: error.message }), 2000);
            } else {
              out.errors = chain(error);
            }
          }
          return true;
        }

        // The trace request runs beside the models request, through fetch, within the same bound.
        async function trace() {
          if (!traceURL) return;
          try {
            const response = await fetch(traceURL, { signal: AbortSignal.timeout(timeoutMS) });
            out.trace = { status: response.status, body: cut(await response.text(), 2000), errors: [] };
          } catch (error) {
            out.trace = { status: null, body: null, errors: chain(error) };
          }
        }
        const traced = trace();

        try {
          if (!(await viaSDK())) {
            out.client = `fetch (undici ${process.versions.undici})`;
            try {
              await record(await fetch(url, { headers: headers(), signal: AbortSignal.timeout(timeoutMS) }));
            } catch (error) {
              out.errors = chain(error);
            }
          }
        } catch (error) {
          out.errors = chain(error);
        }
        await traced;
        out.trust = describeTrust();
        console.log(JSON.stringify(out));
        """#

    /// Java: `java.net.http.HttpClient` with its default proxy selector and trust store.
    static let java = #"""
        // openai-doctor runtime probe (Java): one zero-cost GET of the models list and one of the trace
        // endpoint through java.net.http.HttpClient with this JVM's own defaults, then one JSON line on
        // standard output.
        // The key is read from the environment only. Run as a single-file source program: java Probe.java
        import java.net.InetSocketAddress;
        import java.net.Proxy;
        import java.net.ProxySelector;
        import java.net.URI;
        import java.net.http.HttpClient;
        import java.net.http.HttpRequest;
        import java.net.http.HttpResponse;
        import java.time.Duration;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.TimeUnit;

        public class Probe {
            static String json(String text) {
                if (text == null) return "null";
                StringBuilder out = new StringBuilder("\"");
                for (char c : text.toCharArray()) {
                    switch (c) {
                        case '"': out.append("\\\""); break;
                        case '\\': out.append("\\\\"); break;
                        case '\n': out.append("\\n"); break;
                        case '\r': out.append("\\r"); break;
                        case '\t': out.append("\\t"); break;
                        default:
                            if (c < 0x20) out.append(String.format("\\u%04x", (int) c)); else out.append(c);
                    }
                }
                return out.append('"').toString();
            }

            // An excerpt never ends inside a token: a key cut short would be too short for the
            // tool's redactor to recognise. (A run longer than any key is not one: kept.)
            static String cut(String text, int limit) {
                if (text.length() <= limit) return text;
                int end = limit;
                while (end > 0) {
                    char c = text.charAt(end - 1);
                    if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '-') break;
                    end--;
                }
                return text.substring(0, limit - end <= 256 ? end : limit);
            }

            static String chain(Throwable error) {
                List<String> errors = new ArrayList<>();
                Throwable current = error;
                while (current != null && errors.size() < 8) {
                    String message = String.valueOf(current.getMessage());
                    message = cut(message, 600);
                    errors.add("{\"type\": " + json(current.getClass().getName())
                        + ", \"message\": " + json(message) + "}");
                    current = current.getCause();
                }
                return "[" + String.join(", ", errors) + "]";
            }

            public static void main(String[] args) {
                String url = System.getenv("OPENAI_DOCTOR_URL");
                String traceURL = System.getenv("OPENAI_DOCTOR_TRACE_URL");
                String key = System.getenv().getOrDefault("OPENAI_API_KEY", "");
                boolean azure = "api-key".equals(System.getenv("OPENAI_DOCTOR_AUTH"));
                double seconds = Double.parseDouble(System.getenv().getOrDefault("OPENAI_DOCTOR_TIMEOUT", "10"));
                long started = System.nanoTime();
                Duration timeout = Duration.ofMillis((long) (seconds * 1000));
                URI uri = URI.create(url);
                String proxy = "none";
                List<Proxy> chosen = ProxySelector.getDefault().select(uri);
                for (Proxy candidate : chosen) {
                    if (candidate.type() != Proxy.Type.DIRECT && candidate.address() instanceof InetSocketAddress) {
                        InetSocketAddress address = (InetSocketAddress) candidate.address();
                        proxy = "http://" + address.getHostString() + ":" + address.getPort() + " (https.proxyHost)";
                        break;
                    }
                }
                String store = System.getProperty("javax.net.ssl.trustStore");
                String trust = store != null ? "javax.net.ssl.trustStore " + store
                    : "Java cacerts " + System.getProperty("java.home") + "/lib/security/cacerts";
                Integer status = null;
                String body = null;
                String requestID = null;
                String errors = "[]";
                String trace = "null";
                HttpClient client = null;
                CompletableFuture<HttpResponse<String>> traced = null;
                try {
                    client = HttpClient.newBuilder().connectTimeout(timeout).build();
                    // The trace request runs beside the models request, within the same bound.
                    if (traceURL != null && !traceURL.isEmpty()) {
                        traced = client.sendAsync(
                            HttpRequest.newBuilder(URI.create(traceURL)).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    }
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
                    if (azure) {
                        request.header("api-key", key);
                    } else {
                        request.header("Authorization", "Bearer " + key);
                        String org = System.getenv("OPENAI_ORG_ID");
                        String project = System.getenv("OPENAI_PROJECT_ID");
                        if (org != null && !org.isEmpty()) request.header("OpenAI-Organization", org);
                        if (project != null && !project.isEmpty()) request.header("OpenAI-Project", project);
                    }
                    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    requestID = response.headers().firstValue("x-request-id").orElse(null);
                    if (status >= 400) {
                        String text = response.body();
                        body = cut(text, 2000);
                    }
                } catch (Throwable error) {
                    errors = chain(error);
                }
                if (traced != null) {
                    try {
                        long left = (long) (seconds * 1000) - (System.nanoTime() - started) / 1_000_000;
                        HttpResponse<String> answer = traced.get(Math.max(100, left), TimeUnit.MILLISECONDS);
                        String text = answer.body();
                        trace = "{\"status\": " + answer.statusCode() + ", \"body\": "
                            + json(cut(text, 2000)) + ", \"errors\": []}";
                    } catch (Throwable error) {
                        Throwable cause = error instanceof java.util.concurrent.ExecutionException
                            && error.getCause() != null ? error.getCause() : error;
                        trace = "{\"status\": null, \"body\": null, \"errors\": " + chain(cause) + "}";
                    }
                }
                String version = json("Java " + System.getProperty("java.version"));
                System.out.println("{\"runtime\": \"java\", \"version\": " + version
                    + ", \"client\": \"java.net.http.HttpClient\", \"proxy\": " + json(proxy)
                    + ", \"trust\": " + json(trust)
                    + ", \"address\": null, \"status\": " + status + ", \"body\": " + json(body)
                    + ", \"request_id\": " + json(requestID) + ", \"errors\": " + errors
                    + ", \"trace\": " + trace + "}");
                // Done: closing both outputs tells the tool so. The JVM's own exit then waits about
                // 300 ms for HttpClient's selector thread, blocked in native code; the tool does not.
                System.out.close();
                System.err.close();
            }
        }
        """#
}
