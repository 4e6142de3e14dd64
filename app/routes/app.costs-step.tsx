import type { ActionFunctionArgs } from "@remix-run/node";
import { costsStepAction } from "~/costs/costs-step.server";
import db from "~/db.server";
import type { IntentResult } from "~/lib/form-intents.server";
import { actingStaffAction } from "~/staff/acting.server";

/** Home's "Your costs" step: skip one of its parts, or hide it for good (owner and strategist; staff get 403). */
export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<IntentResult>(request, (actor, form, now) => costsStepAction(db, actor, form, now));
