import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The Dockerfile can't be built on these machines (no Docker engine), so what its final image runs is
 * checked from the text: the repository files its start command loads, followed through their
 * imports as Node (tsx) would load them, must all be copied into the image. A file the server
 * started importing but the image lacks would stop the container at start.
 */
describe("the Dockerfile's image", () => {
  const dockerfile = readFileSync("Dockerfile", "utf8");
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  /** Repository paths the final stage copies from the build stage (its WORKDIR is /app). */
  const copied = [...finalStage.matchAll(/^COPY --from=build (.+)$/gm)].flatMap((match) => {
    const words = match[1]!.trim().split(/\s+/);
    return words.slice(0, -1).map((source) => source.replace(/^\/app\//, "").replace(/\/$/, ""));
  });
  const isCopied = (file: string) => copied.some((source) => file === source || file.startsWith(`${source}/`));

  it("GIVEN its start command THEN every file of the repository it loads is copied into the image", async () => {
    const command = /^CMD (.+)$/m.exec(finalStage)?.[1] ?? "";
    const started = [...command.matchAll(/[\w./-]+\.ts\b/g)].map((match) => match[0]);
    expect(started).toEqual(expect.arrayContaining(["app/serve.ts", "app/dev/database-setup.ts"]));
    // `prisma migrate deploy` (which database-setup.ts runs) loads prisma.config.ts.
    const entryPoints = [...started, "prisma.config.ts"];
    const result = await build({
      entryPoints,
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      packages: "external",
      outdir: "tmp/dockerfile-check",
      logLevel: "silent",
    });
    const loaded = Object.keys(result.metafile.inputs);
    expect(loaded).toEqual(expect.arrayContaining(entryPoints));
    expect(loaded.filter((file) => !isCopied(file))).toEqual([]);
    // The workspace packages it imports are links in node_modules to packages/: their folders must be there too.
    const workspaces = new Set(
      Object.values(result.metafile.inputs).flatMap((input) =>
        input.imports.flatMap((imported) => (imported.external && imported.path.startsWith("@throughline/") ? [imported.path.split("/")[1]!] : [])),
      ),
    );
    expect([...workspaces].map((name) => `packages/${name}`).filter((folder) => !isCopied(folder))).toEqual([]);
  });
});
