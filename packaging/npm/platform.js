'use strict';
// Which bundled build runs here, and what to say when none does.
//
// The package holds builds under native/<platform>-<arch>/ (the wheel's layout: the executables
// in openai_doctor/bin/, the shared libraries openai-doctor-mcp needs beyond the manylinux policy
// in openai_doctor.libs/). Each is built for glibc Linux.

const fs = require('fs');
const path = require('path');

const NATIVE = path.join(__dirname, 'native');

/** The builds this package holds, such as ["linux-x64"]. */
function availableBuilds() {
  try {
    return fs.readdirSync(NATIVE).filter((name) => fs.existsSync(path.join(NATIVE, name, 'openai_doctor', 'bin')));
  } catch {
    return [];
  }
}

let glibcSeen;

/**
 * Whether this Node runs on glibc (the builds need it; musl, as on Alpine, cannot load them).
 * Asked once: Node's diagnostic report, which says it, takes tens of milliseconds to make.
 */
function isGlibc() {
  if (glibcSeen === undefined) {
    try {
      const report = process.report && process.report.getReport();
      glibcSeen = Boolean(report && report.header && report.header.glibcVersionRuntime);
    } catch {
      glibcSeen = true;
    }
  }
  return glibcSeen;
}

/**
 * The path of a bundled executable (`openai-doctor` or `openai-doctor-mcp`) for `platform`
 * and `arch` (default: this process's). Throws an Error saying where to get a build when the
 * package holds none for them.
 */
function binaryPath(name = 'openai-doctor', platform = process.platform, arch = process.arch, glibc = undefined) {
  const key = `${platform}-${arch}`;
  const builds = availableBuilds();
  const held = builds.length ? builds.join(', ') : 'none';
  const where =
    'Build it from source with Swift 6.2 or newer (`swift build -c release --product openai-doctor ' +
    '--product openai-doctor-mcp` in a checkout of openai-doctor), or on Linux use the release tarball ' +
    'openai-doctor-VERSION-linux-ARCH.tar.gz or `pip install openai-doctor` (README: Install).';
  if (!builds.includes(key)) {
    throw new Error(`openai-doctor: this npm package holds builds for ${held}, not for ${key}. ${where}`);
  }
  if (platform === 'linux' && !(glibc === undefined ? isGlibc() : glibc)) {
    throw new Error(`openai-doctor: the ${key} build needs glibc; this system uses another C library (musl?). ${where}`);
  }
  return path.join(NATIVE, key, 'openai_doctor', 'bin', name);
}

module.exports = { binaryPath, availableBuilds };
