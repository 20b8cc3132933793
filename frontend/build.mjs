// Builds CSPR's front end into build/static/: the compiled stylesheet, the GOV.UK Frontend
// script and CSPR's small initialiser. Run with `npm run build` (the Makefile does).
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "frontend", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), result.css);

const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
copyFileSync(join(root, "frontend", "init.js"), join(out, "init.js"));
copyFileSync(join(root, "frontend", "favicon.svg"), join(out, "favicon.svg"));
console.log(`Built ${out}`);
