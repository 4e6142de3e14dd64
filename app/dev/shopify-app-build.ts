// Runs `shopify app build` the way Shopify's CLI checks the app before a deploy, offline and with
// no Partner login: it validates every extension's TOML (a Flow trigger's field keys, the UI
// extension's targets) and bundles the admin action. `npm test` runs it; it prints nothing unless
// the build fails.
//
// The CLI gets a fresh home of its own (nothing read from or written to ~/.config), CI=1 (no
// prompts, no auto-upgrade, no notifications fetch), no analytics, and a version-check cache saying
// it is current: the CLI checks npm for a newer version of itself on every command, and without a
// network that check ends the command with an error. Its build output (extensions/*/dist,
// manifest.json, .shopify/) is gitignored; the `shopify.d.ts` it writes is the committed one.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const cliVersion = (JSON.parse(readFileSync(path.join(root, "node_modules/@shopify/cli/package.json"), "utf8")) as { version: string }).version;
const home = mkdtempSync(path.join(tmpdir(), "throughline-shopify-cli-"));

try {
  // Where the CLI keeps its state (the `conf` package: XDG on Linux, Library/Preferences on macOS).
  const versionCache = JSON.stringify({ cache: { "npm-package-@shopify/cli": { value: cliVersion, timestamp: Date.now() } } });
  for (const dir of [path.join(home, ".config"), path.join(home, "Library", "Preferences")]) {
    mkdirSync(path.join(dir, "shopify-cli-kit-nodejs"), { recursive: true });
    writeFileSync(path.join(dir, "shopify-cli-kit-nodejs", "config.json"), versionCache);
  }
  const result = spawnSync("shopify", ["app", "build", "--path", root, "--skip-dependencies-installation", "--no-color"], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, ".config"),
      XDG_CACHE_HOME: path.join(home, ".cache"),
      XDG_DATA_HOME: path.join(home, ".local", "share"),
      XDG_STATE_HOME: path.join(home, ".local", "state"),
      CI: "1",
      SHOPIFY_CLI_NO_ANALYTICS: "1",
    },
  });
  if (result.error || result.status !== 0) {
    process.stderr.write(
      `shopify app build failed${result.error ? `: ${result.error.message}` : ` (exit code ${result.status})`}\n${result.stdout ?? ""}${result.stderr ?? ""}`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
