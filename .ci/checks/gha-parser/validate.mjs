// Parses every GitHub Actions workflow found in the given txtar archives
// (sections named .github/workflows/*.yml, with or without an out/ prefix)
// with GitHub's parser and converter, and exits 1 on any error.
//
// usage: node --import ./register.mjs validate.mjs --min N ARCHIVE...
import { readFileSync } from "node:fs";
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from "@actions/workflow-parser";

// sections splits a txtar archive into its files.
function sections(text) {
  const out = [];
  let cur = null;
  for (const line of text.split("\n")) {
    const m = /^-- (.+) --$/.exec(line);
    if (m) {
      cur = { name: m[1], lines: [] };
      out.push(cur);
    } else if (cur) {
      cur.lines.push(line);
    }
  }
  return out.map((s) => ({ name: s.name, content: s.lines.join("\n") }));
}

const args = process.argv.slice(2);
let min = 0;
if (args[0] === "--min") {
  min = Number(args[1]);
  args.splice(0, 2);
}

let count = 0;
let failed = 0;
for (const archive of args) {
  for (const s of sections(readFileSync(archive, "utf8"))) {
    if (!/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(s.name)) continue;
    count++;
    const name = `${archive}:${s.name}`;
    const parsed = parseWorkflow({ name: s.name, content: s.content }, new NoOperationTraceWriter());
    const errors = new Set();
    if (parsed.value === undefined) {
      errors.add("no workflow value");
    } else {
      // Conversion checks what parsing cannot (job graph, needs, matrix);
      // it reports into the same context.
      const template = await convertWorkflowTemplate(parsed.context, parsed.value, undefined, {});
      for (const e of template.errors ?? []) errors.add(e.Message);
      if ((template.jobs ?? []).length === 0) errors.add("no jobs after conversion");
    }
    for (const e of parsed.context.errors.getErrors()) errors.add(e.message);
    if (errors.size > 0) {
      failed++;
      for (const e of errors) console.error(`${name}: ${e}`);
    }
  }
}
console.log(`workflow-parser: ${count} workflows, ${failed} with errors`);
if (count < min) {
  console.error(`expected at least ${min} workflows`);
  process.exit(1);
}
process.exit(failed > 0 ? 1 : 0);
