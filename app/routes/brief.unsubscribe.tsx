import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { setBriefOptIn } from "~/brief/settings.server";
import { verifiedLink } from "~/brief/unsubscribe.server";
import { unsubscribeResponse } from "~/brief/unsubscribe-view.server";
import db from "~/db.server";
import { localizer } from "~/i18n/localizer";

/**
 * /brief/unsubscribe: the one-click unsubscribe of the Monday brief's emails (RFC 8058), outside
 * Shopify admin. The signed link names the shop and the person. Opening it (GET) only asks, so a mail
 * scanner following links changes nothing; a POST (the mail client's one click, or the page's button)
 * turns their brief off. A link that isn't one the app signed answers 400 and changes nothing.
 */
async function linkOf(request: Request) {
  const link = verifiedLink(new URL(request.url).searchParams);
  if (!link) return { link: null, l10n: localizer(request.headers.get("Accept-Language")?.split(/[,;]/)[0]) } as const;
  const [member, shop] = await Promise.all([
    db.staffMember.findUnique({ where: { shop_userId: { shop: link.shop, userId: link.userId } }, select: { name: true, locale: true } }),
    db.shop.findUnique({ where: { shop: link.shop }, select: { name: true } }),
  ]);
  const l10n = localizer(member?.locale);
  return { link, l10n, name: member?.name ?? l10n.t("brief.page.deliveries.unknownPerson"), shop: shop?.name ?? link.shop } as const;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await linkOf(request);
  if (!found.link) return unsubscribeResponse({ kind: "bad" }, found.l10n, 400);
  const url = new URL(request.url);
  return unsubscribeResponse({ kind: "confirm", shop: found.shop, name: found.name, action: `${url.pathname}${url.search}` }, found.l10n);
}

export async function action({ request }: ActionFunctionArgs) {
  const found = await linkOf(request);
  if (!found.link) return unsubscribeResponse({ kind: "bad" }, found.l10n, 400);
  await setBriefOptIn(db, found.link.shop, found.link.userId, false);
  return unsubscribeResponse({ kind: "done", shop: found.shop, name: found.name }, found.l10n);
}
