'use strict';
// diagnose(error): a failed OpenAI call's diagnosis, from the error your code caught.
//
// The evidence goes to the bundled `openai-doctor explain --format json -` on standard input:
// an openai-node APIError with a status as the HTTP answer it carries (status line, response
// headers, the error body), a fetch failure or any other Error as its `cause` chain (undici's
// code, syscall and address included), text as it is. Only the status is passed as an argument
// and the child's environment is empty but for NO_COLOR: no key reaches a command line.

const { spawn, spawnSync } = require('child_process');
const { binaryPath } = require('./platform');

// Response headers that never carry diagnostic evidence and may carry a credential or session.
const DROPPED_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'api-key', 'x-api-key', 'openai-api-key',
]);
const MAX_CHAIN = 16;
const ENV = { NO_COLOR: '1' };

/** The text explain reads, and the HTTP status when the error carries one. */
function evidence(error) {
  if (typeof error === 'string') return { text: error, status: null };
  if (error instanceof Uint8Array) return { text: Buffer.from(error).toString('utf8'), status: null };
  if (error !== null && typeof error === 'object') {
    const status = error.status;
    if (Number.isInteger(status) && status >= 100 && status <= 599) {
      return { text: httpAnswer(status, error), status };
    }
    if (error instanceof Error) return { text: chain(error), status: null };
    return { text: safeJSON(error), status: null };
  }
  return { text: safeString(error), status: null };
}

/** An openai-node APIError (status, headers, error body) as an HTTP dump. */
function httpAnswer(status, error) {
  const lines = [`HTTP/1.1 ${status}`];
  for (const [name, value] of headerPairs(error.headers)) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${value.replace(/[\r\n]+/g, ' ')}`);
  }
  let body;
  if (error.error !== undefined && error.error !== null) {
    // openai-node keeps the value of the body's "error" member as .error.
    const inner = error.error;
    body = typeof inner === 'object' && !('error' in inner) ? safeJSON({ error: inner }) : safeJSON(inner);
  } else {
    body = safeString(error.message);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** [name, value] pairs of a fetch Headers, a plain record, or nothing. */
function headerPairs(headers) {
  try {
    if (!headers) return [];
    if (typeof headers.entries === 'function' && typeof headers.get === 'function') {
      return Array.from(headers.entries(), ([name, value]) => [String(name), String(value)]);
    }
    if (typeof headers === 'object') {
      return Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]);
    }
  } catch {
    // an exotic headers object: no headers
  }
  return [];
}

/** An Error and its causes, outermost first, as Node prints them (`[cause]:`), with undici's fields. */
function chain(error) {
  const lines = [];
  const seen = new Set();
  let current = error;
  let depth = 0;
  while (current !== undefined && current !== null && !seen.has(current) && depth < MAX_CHAIN) {
    if (typeof current === 'object') seen.add(current);
    lines.push(`${'  '.repeat(depth)}${depth ? '[cause]: ' : ''}${describe(current)}`);
    if (current instanceof Error && Array.isArray(current.errors)) {
      // AggregateError (undici tries each address): every attempt's failure.
      for (const inner of current.errors.slice(0, MAX_CHAIN)) lines.push(`${'  '.repeat(depth + 1)}${describe(inner)}`);
    }
    current = typeof current === 'object' ? current.cause : undefined;
    depth += 1;
  }
  return lines.join('\n');
}

/**
 * One link: `Name: message`, and the system error's fields in parentheses
 * (`(code ECONNREFUSED, syscall connect, address 127.0.0.1, port 443)`). Not Node's
 * `{ code: 'ECONNREFUSED' }`: explain would read that as an Azure error envelope.
 */
function describe(value) {
  if (!(value instanceof Error)) return typeof value === 'object' ? safeJSON(value) : safeString(value);
  let text = `${safeString(value.name)}: ${safeString(value.message)}`;
  const fields = [];
  for (const field of ['code', 'errno', 'syscall', 'hostname', 'address', 'port']) {
    try {
      const fieldValue = value[field];
      if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== 'object') {
        fields.push(`${field} ${fieldValue}`);
      }
    } catch {
      // a throwing getter: skip the field
    }
  }
  if (fields.length) text += ` (${fields.join(', ')})`;
  return text;
}

function safeString(value) {
  try {
    return String(value);
  } catch {
    return `<${typeof value}>`;
  }
}

function safeJSON(value) {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? safeString(value) : text;
  } catch {
    return safeString(value);
  }
}

/** explain's arguments for a status. */
function argumentsFor(status) {
  const args = ['explain', '--format', 'json', '-'];
  if (status !== null) args.push('--status', String(status));
  return args;
}

/** The diagnosis in explain's JSON output, or an unknown one saying why there is none. */
function parse(stdout, code, stderr) {
  if (code !== 0) return unknown(`openai-doctor explain exited ${code}: ${String(stderr).trim().slice(0, 300)}`);
  try {
    const document = JSON.parse(stdout);
    const diagnosis = document.diagnosis || (document.diagnoses || [])[0];
    if (diagnosis && typeof diagnosis === 'object') return diagnosis;
  } catch {
    // not JSON: below
  }
  return unknown('openai-doctor explain printed no diagnosis');
}

/** An `unknown` diagnosis with the contract's keys, when the binary gave none. */
function unknown(note) {
  const evidenceFields = {};
  for (const key of ['address', 'cf_ray', 'client', 'error_code', 'error_param', 'error_type', 'host', 'key',
    'message', 'provider', 'request', 'request_id', 'status', 'transport_error', 'transport_phase']) {
    evidenceFields[key] = null;
  }
  evidenceFields.markers = [];
  evidenceFields.notes = [note];
  return {
    cause: 'unknown',
    layer: null,
    retry: 'no',
    confidence: 'low',
    title: 'The evidence does not tell',
    explanation: `openai-doctor could not read this failure: ${note}`,
    fixes: ['Run `openai-doctor explain` on the complete error text, or `openai-doctor check`.'],
    decided_by: [note],
    evidence: evidenceFields,
  };
}

function prepare(error) {
  try {
    return evidence(error);
  } catch {
    return { text: safeString(error), status: null };
  }
}

/**
 * Resolves to the diagnosis of `error` (never rejects): the object `openai-doctor explain
 * --format json` prints under `diagnosis`, with `cause`, `layer`, `retry`, `confidence`,
 * `title`, `explanation`, `fixes`, `decided_by` and `evidence` (`status`, `request_id`...).
 * `error` may be an openai-node APIError (or any object with `status`, `headers`, `error`), a
 * `fetch` failure with its `cause` chain, any Error, or text. `options.timeout` is in
 * milliseconds (default 10000).
 */
function diagnose(error, options = {}) {
  const { text, status } = prepare(error);
  return new Promise((resolve) => {
    let binary;
    try {
      binary = binaryPath();
    } catch (failure) {
      resolve(unknown(failure.message));
      return;
    }
    const child = spawn(binary, argumentsFor(status), { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout || 10000);
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.stdin.on('error', () => {}); // the child ended before reading everything: its status says why
    child.on('error', (failure) => {
      clearTimeout(timer);
      resolve(unknown(`openai-doctor explain could not run: ${failure.code || failure.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(stdout).toString('utf8'), signal ? signal : code, Buffer.concat(stderr)));
    });
    child.stdin.end(Buffer.from(text, 'utf8'));
  });
}

/** `diagnose` for code that cannot wait: the same object, returned directly. */
function diagnoseSync(error, options = {}) {
  const { text, status } = prepare(error);
  let binary;
  try {
    binary = binaryPath();
  } catch (failure) {
    return unknown(failure.message);
  }
  const result = spawnSync(binary, argumentsFor(status), {
    env: ENV, input: Buffer.from(text, 'utf8'), timeout: options.timeout || 10000, maxBuffer: 16 << 20,
  });
  if (result.error) return unknown(`openai-doctor explain could not run: ${result.error.code || result.error.message}`);
  return parse(String(result.stdout), result.signal ? result.signal : result.status, result.stderr);
}

module.exports = { diagnose, diagnoseSync, binaryPath };
