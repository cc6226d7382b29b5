'use strict';
// The installed npm package's diagnose() and diagnoseSync() on a real fetch failure, on
// APIError-shaped objects (one built from a real mock response), on bad input, and its message
// for a platform it holds no build for.
//
//   node Tests/packages/test_npm.js PACKAGE_DIR
//
// PACKAGE_DIR is the installed package (PREFIX/lib/node_modules/openai-doctor); its own
// `openai-doctor mock` serves on 127.0.0.1. Last line: "npm diagnose: N passed, N failed".

const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const crypto = require('crypto');

const pkg = require(path.resolve(process.argv[2]));
let passed = 0;
let failed = 0;
function check(condition, what, detail = '') {
  if (condition) {
    passed += 1;
    console.log(`  ok   ${what}`);
  } else {
    failed += 1;
    console.log(`  FAIL ${what}: ${String(typeof detail === 'string' ? detail : JSON.stringify(detail)).slice(0, 1500)}`);
  }
}

function makeKey() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return 'sk-proj-' + Array.from(crypto.randomBytes(156), (byte) => alphabet[byte % alphabet.length]).join('');
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startMock(scenario) {
  return new Promise((resolve, reject) => {
    const child = spawn(pkg.binaryPath(), ['mock', '--scenario', scenario, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /^listening on (http:\S+)/m.exec(seen);
      if (match) resolve({ address: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', () => reject(new Error(`the mock ended: ${seen}`)));
  });
}

// The shape openai-node gives its APIError family: status, headers, the body's `error` member.
class APIError extends Error {
  constructor(status, error, message, headers) {
    super(message);
    this.name = 'APIError';
    this.status = status;
    this.headers = headers;
    this.error = error;
    this.request_id = headers && (typeof headers.get === 'function' ? headers.get('x-request-id') : headers['x-request-id']);
  }
}

async function main() {
  const key = makeKey();
  console.log(`=== npm diagnose() with ${pkg.binaryPath()}`);

  // A real fetch failure: undici's TypeError('fetch failed') with cause ECONNREFUSED.
  const port = await freePort();
  let fetchError;
  try {
    await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { Authorization: `Bearer ${key}` } });
  } catch (error) {
    fetchError = error;
  }
  check(fetchError && fetchError.cause && fetchError.cause.code === 'ECONNREFUSED', 'fetch to a refused port fails with cause ECONNREFUSED', String(fetchError));
  for (const [label, run] of [['diagnose', pkg.diagnose], ['diagnoseSync', pkg.diagnoseSync]]) {
    const diagnosis = await run(fetchError);
    // A refusal at a loopback port no proxy tool uses, with no proxy in the text, is a local
    // server that is not answering (TransportRules): a failed connection, not a proxy.
    check(diagnosis.cause === 'network.connect' && diagnosis.evidence.transport_phase === 'connect' &&
      diagnosis.evidence.transport_error === 'refused' && diagnosis.decided_by.some((line) => line.includes(`127.0.0.1:${port}`)),
      `${label}(fetch failure): a refused connection to 127.0.0.1:${port} (network.connect)`, diagnosis);
    check(diagnosis.evidence.provider === null, `${label}(fetch failure): no provider read into undici's fields`, diagnosis.evidence);
    check(!JSON.stringify(diagnosis).includes(key), `${label}(fetch failure): no key in the diagnosis`);
  }

  // An APIError-shaped object built from a real 403 of the mock (a fetch Headers instance).
  const mock = await startMock('region.unsupported');
  try {
    const response = await fetch(`${mock.address}/v1/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = await response.json();
    const error = new APIError(response.status, body.error, `${response.status} ${body.error && body.error.message}`, response.headers);
    const diagnosis = await pkg.diagnose(error);
    check(response.status === 403, 'the mock answers 403', response.status);
    check(diagnosis.cause === 'region.unsupported', 'diagnose(APIError 403 from the mock) gives region.unsupported', diagnosis);
    check(diagnosis.evidence.status === 403, 'evidence.status is 403', diagnosis.evidence);
    check(!error.request_id || diagnosis.evidence.request_id === error.request_id, 'evidence.request_id is the header\'s', diagnosis.evidence);
    check(!JSON.stringify(diagnosis).includes(key), 'no key in the diagnosis');
  } finally {
    mock.stop();
  }

  // An APIError-shaped object with plain-record headers (429 insufficient_quota).
  const quota = new APIError(
    429,
    { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
    '429 You exceeded your current quota, please check your plan and billing details.',
    { 'x-request-id': 'req_0123456789abcdef0123456789abcdef', 'content-type': 'application/json' },
  );
  const diagnosis = pkg.diagnoseSync(quota);
  check(diagnosis.cause === 'billing.quota_exceeded', 'diagnoseSync(APIError 429 insufficient_quota) gives billing.quota_exceeded', diagnosis);
  check(diagnosis.evidence.request_id === 'req_0123456789abcdef0123456789abcdef', 'evidence.request_id from the record headers', diagnosis.evidence);

  // Text with a key: only its fingerprint comes back.
  const keyed = await pkg.diagnose(`AuthenticationError: 401 Incorrect API key provided: ${key}`);
  check(!JSON.stringify(keyed).includes(key) && JSON.stringify(keyed).includes(`…${key.slice(-4)}`), 'text with a key: only its fingerprint comes back', keyed);

  // Bad inputs: unknown, never a rejection or a throw.
  const circular = {};
  circular.self = circular;
  const unprintable = { toString() { throw new Error('no'); }, toJSON() { throw new Error('no'); } };
  for (const [label, value] of [['undefined', undefined], ['null', null], ['a number', 12], ['a circular object', circular], ['an unprintable object', unprintable], ['an unrelated Error', new RangeError('index out of range')]]) {
    try {
      const result = await pkg.diagnose(value);
      check(result.cause === 'unknown', `diagnose(${label}) gives unknown`, result.cause);
      check(pkg.diagnoseSync(value).cause === 'unknown', `diagnoseSync(${label}) gives unknown`);
    } catch (error) {
      check(false, `diagnose(${label}) must not throw`, String(error));
    }
  }

  // A platform the package holds no build for: a message that says where to get one.
  try {
    pkg.binaryPath('openai-doctor', 'darwin', 'arm64');
    check(false, 'binaryPath on darwin-arm64 throws');
  } catch (error) {
    check(/darwin-arm64/.test(error.message) && /swift build/.test(error.message) && /linux-x64/.test(error.message),
      'darwin-arm64: the message names the platform, the builds held and how to build one', error.message);
  }
  try {
    pkg.binaryPath('openai-doctor', 'linux', process.arch, false);
    check(false, 'binaryPath on musl throws');
  } catch (error) {
    check(/glibc/.test(error.message), 'musl: the message says the build needs glibc', error.message);
  }

  console.log(`npm diagnose: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.log(`  FAIL the test itself: ${error.stack}`);
  console.log(`npm diagnose: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
