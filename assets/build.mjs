// Builds static_build/: the compiled stylesheet and copies of the JavaScript the pages use.
// Run by `npm run build`; nothing built is committed.
import { mkdirSync, copyFileSync, cpSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static_build");
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = sass.compile(join(root, "assets/scss/main.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css/main.css"), css.css);

const nm = join(root, "node_modules");
copyFileSync(join(nm, "htmx.org/dist/htmx.min.js"), join(out, "js/htmx.min.js"));
copyFileSync(join(nm, "sortablejs/Sortable.min.js"), join(out, "js/Sortable.min.js"));
copyFileSync(join(nm, "govuk-frontend/dist/govuk/govuk-frontend.min.js"), join(out, "js/govuk-frontend.min.js"));
// Images only (icons, manifest); the fonts directory holds GDS Transport, which councils may not use.
const assets = join(nm, "govuk-frontend/dist/govuk/assets");
for (const entry of readdirSync(assets)) {
  if (entry !== "fonts") cpSync(join(assets, entry), join(out, "govuk/assets", entry), { recursive: true });
}
mkdirSync(join(out, "images"), { recursive: true });
for (const f of readdirSync(join(root, "assets/images"))) copyFileSync(join(root, "assets/images", f), join(out, "images", f));
const ownJs = join(root, "assets/js");
for (const f of existsSync(ownJs) ? readdirSync(ownJs) : []) copyFileSync(join(root, "assets/js", f), join(out, "js", f));
console.log("static_build/ written");
