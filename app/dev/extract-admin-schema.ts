// Extracts Shopify's official Admin introspection for ADMIN_API_VERSION from the @shopify/dev-mcp
// package (which ships it) into packages/shopify-common/schema/. The package itself is far too heavy to depend on.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN_API_VERSION, ADMIN_SCHEMA_GZ } from "@throughline/shopify-common/admin-schema";

const DEV_MCP_VERSION = process.argv[2] ?? "1.16.0";
const work = mkdtempSync(path.join(tmpdir(), "throughline-schema-"));
try {
  const tarball = execFileSync("npm", ["pack", `@shopify/dev-mcp@${DEV_MCP_VERSION}`, "--silent", "--pack-destination", work], {
    encoding: "utf8",
  }).trim();
  const member = `package/dist/data/admin_${ADMIN_API_VERSION}.json.gz`;
  execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", work, member]);
  copyFileSync(path.join(work, member), fileURLToPath(ADMIN_SCHEMA_GZ));
  console.log(`Extracted ${member} from @shopify/dev-mcp@${DEV_MCP_VERSION} to ${path.relative(process.cwd(), fileURLToPath(ADMIN_SCHEMA_GZ))}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
