'use strict';
// Runs a bundled executable with this process's arguments, standard streams and environment,
// and exits as it exits (its status, or the signal that ended it).

const { spawn } = require('child_process');
const { binaryPath } = require('../platform');

module.exports = function launch(name) {
  let binary;
  try {
    binary = binaryPath(name);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(70);
  }
  const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  child.on('error', (error) => {
    process.stderr.write(`openai-doctor: cannot start ${binary}: ${error.message}\n`);
    process.exit(70);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else {
      process.exit(code === null ? 70 : code);
    }
  });
};
