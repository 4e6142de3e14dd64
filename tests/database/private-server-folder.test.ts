import path from "node:path";
import { describe, expect, it } from "vitest";
import { clusterFolder } from "~/dev/postgres";

// Where `npm run postgres` (and so the PostgreSQL test run) keeps a checkout's cluster. As root, the
// server runs as the `postgres` user, who can't reach a checkout inside a private folder (a 0700
// `mktemp -d` directory, /root): `initdb` failed there on a fresh clone.

const HOME = "/var/lib/postgresql";

describe("the private PostgreSQL server's folder", () => {
  it("GIVEN a user other than root THEN the cluster is the checkout's own tmp/postgres", () => {
    expect(clusterFolder({ uid: 1000, checkout: "/home/dev/throughline", postgresHome: HOME })).toBe("/home/dev/throughline/tmp/postgres");
  });

  it("GIVEN root THEN the cluster is in the postgres user's home, outside the checkout, named after the checkout and the same every time", () => {
    const checkout = "/tmp/tmp.Xy12ab/c";
    const folder = clusterFolder({ uid: 0, checkout, postgresHome: HOME });
    expect(path.dirname(folder)).toBe(HOME);
    expect(path.basename(folder)).toMatch(/^throughline-c-[0-9a-f]{12}$/);
    expect(folder.startsWith(`${checkout}/`)).toBe(false);
    expect(clusterFolder({ uid: 0, checkout, postgresHome: HOME })).toBe(folder);
  });

  it("GIVEN root and two checkouts of the same name in different places THEN each has a folder of its own", () => {
    const checkouts = ["/root/throughline", "/work/throughline", "/work/throughline/", "/tmp/a/throughline"].map((checkout) => path.resolve(checkout));
    const folders = checkouts.map((checkout) => clusterFolder({ uid: 0, checkout, postgresHome: HOME }));
    expect(new Set(folders).size).toBe(new Set(checkouts).size);
  });

  it("GIVEN root and a checkout whose name has spaces, quotes or other scripts THEN the folder's name keeps to safe characters", () => {
    const folder = clusterFolder({ uid: 0, checkout: "/home/李 雷/my shop's app (copy)", postgresHome: HOME });
    expect(path.dirname(folder)).toBe(HOME);
    expect(path.basename(folder)).toMatch(/^throughline-[\w.-]+-[0-9a-f]{12}$/);
  });
});
