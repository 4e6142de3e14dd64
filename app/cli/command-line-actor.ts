import { terminalLocalizer } from "~/i18n/localizer";
import type { Actor } from "~/staff/staff.server";

/** Whoever runs the command line has the database: they act with an owner's rights, recorded as such, in the terminal's language. */
export function commandLineActor(shop: string): Actor {
  return { shop, userId: "cli", name: "Command line", role: "owner", accountOwner: false, collaborator: false, locale: terminalLocalizer().locale };
}
