// @actions/workflow-parser imports its JSON schemas without import
// attributes, which Node rejects. This hook serves such a file as an ES
// module that default-exports the parsed JSON, which works on Node 18.19+
// whatever its import-attribute support.
import { readFile } from "node:fs/promises";

export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && url.endsWith(".json")) {
    const text = await readFile(new URL(url), "utf8");
    return { format: "module", source: `export default ${text};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
