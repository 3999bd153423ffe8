// Usage: node validate.mjs FILE|URL
// Validates an OpenAPI document with @seriousme/openapi-schema-validator and checks that
// every route of docs/api.md is described. Exit status 0 when valid.
import { readFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";

const source = process.argv[2];
if (!source) {
  console.error("usage: node validate.mjs FILE|URL");
  process.exit(2);
}
const text = /^https?:/.test(source)
  ? await (await fetch(source)).text()
  : await readFile(source, "utf8");
const document = JSON.parse(text);

const validator = new Validator();
const result = await validator.validate(document);
if (!result.valid) {
  console.error(`${source}: not a valid OpenAPI ${validator.version} document`);
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}

const routes = ["/v1/search", "/v1/documents/{id}", "/v1/mentions", "/v1/facets/{type}",
  "/v1/entities/{type}/{id}", "/v1/stats", "/healthz", "/metrics", "/openapi.json", "/"];
const missing = routes.filter((route) => !document.paths?.[route]?.get);
if (missing.length > 0) {
  console.error(`${source}: routes not described: ${missing.join(", ")}`);
  process.exit(1);
}
console.log(`${source}: valid OpenAPI ${validator.version}, ${routes.length} routes described`);
