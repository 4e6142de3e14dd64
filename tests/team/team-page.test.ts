/**
 * The Team page: the owner sets each Staff member's stage (kept in the history like a role change);
 * a member's record is the owner's and strategists' to read for everyone, a Staff member's only for
 * themselves; at the Create stage a Staff member proposes tactics and targets, checked as the owner's
 * own, which the owner or a strategist approves (creating them through the usual functions) or
 * returns with a comment, and which the proposer may withdraw while they wait.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { storePlaybook } from "~/playbooks/playbooks.server";
import { action as targetsAction, loader as targetsLoader } from "~/routes/app.targets";
import { action as teamAction, loader as teamLoader } from "~/routes/app.team";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";
import { db } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { memberAtStage } from "../helpers/stages";
import { teamShop } from "../helpers/team-shop";

const SHOP = "team-page.myshopify.com";
const OWNER = "1";
const SAM = "2";
const CASEY = "3";
type Result = { ok: boolean; message?: string; errors?: Record<string, string> };
const post = (fields: Record<string, string>, userId = SAM) =>
  embeddedAction("/app/team", SHOP, fields, { userId }).then((request) => callAction<Result>(teamAction, request));
const open = (query = "", userId = SAM) => embeddedRequest(`/app/team${query}`, SHOP, { userId }).then((request) => callLoader(teamLoader, request));
const tactic = {
  intent: "propose_tactic",
  indicator: "aov",
  title: "Gift wrap at checkout",
  how: "Offer gift wrap with a card in December.",
  type: "content",
  hypothesis: "Gift buyers add wrapping.",
};
const target = { intent: "propose_target", indicator: "aov", periodKind: "month", from: "2027-01-01", value: "60" };
const proposalOf = async (title: string) =>
  (await db.proposal.findMany({ where: { shop: SHOP } })).find((proposal) => (JSON.parse(proposal.payload) as { title?: string }).title === title)!;

describe("the Team page", () => {
  beforeEach(async () => {
    await teamShop(SHOP, { opened: [OWNER, SAM, CASEY] });
  });

  it("GIVEN the owner THEN they set Sam's stage, kept in the history with what it was; staff can't, and a stage nobody offers or the account owner's is refused", async () => {
    expect(await post({ intent: "set_stage", userId: SAM, stage: "adapt" }, OWNER)).toMatchObject({ status: 200, body: { message: "Stage saved." } });
    expect((await db.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop: SHOP, userId: SAM } } })).stage).toBe("adapt");
    const change = await db.strategyChange.findFirstOrThrow({ where: { shop: SHOP, entity: "staff", action: "stage_changed" } });
    expect(change).toMatchObject({ actorId: OWNER, entityId: SAM });
    expect([JSON.parse(change.before!), JSON.parse(change.after!)]).toEqual([
      { name: "Sam Rivera", stage: "follow" },
      { name: "Sam Rivera", stage: "adapt" },
    ]);
    const history = (await callLoader(targetsLoader, await embeddedRequest("/app/targets", SHOP, { userId: OWNER }))).history;
    expect(history[0]).toMatchObject({ who: "Store Owner", what: "Sam Rivera is now at the Adapt stage (was Follow)" });
    expect((await open("", SAM)).record.stageHistory).toEqual([{ at: change.at.toISOString(), by: "Store Owner", from: "follow", to: "adapt" }]);

    expect(await expectDatabaseUnchanged(db, () => post({ intent: "set_stage", userId: CASEY, stage: "create" }, SAM))).toMatchObject({
      status: 403,
      body: { errors: { form: expect.stringMatching(/owner/) } },
    });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "set_stage", userId: SAM, stage: "expert" }, OWNER))).toMatchObject({
      status: 400,
      body: { errors: { stage: "“expert” is not a stage: choose Follow, Adapt, Create." } },
    });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "set_stage", userId: OWNER, stage: "follow" }, OWNER))).toMatchObject({
      status: 400,
      body: { errors: { stage: "The account owner acts beyond any stage." } },
    });
  });

  it("GIVEN the owner THEN they open everyone's record; GIVEN Sam THEN he sees only his own, and someone else's answers 403", async () => {
    const owners = await open(`?member=${SAM}`, OWNER);
    expect(owners.member).toMatchObject({ userId: SAM, name: "Sam Rivera", limitedTo: "follow" });
    expect(owners.members.map((member) => member.name).sort()).toEqual(["Casey Agency", "Sam Rivera", "Store Owner"]);
    const sams = await open("", SAM);
    expect(sams.member.userId).toBe(SAM);
    expect(sams.members.map((member) => member.userId)).toEqual([SAM]);
    const refused = await open(`?member=${CASEY}`, SAM).then(
      () => null,
      (thrown: unknown) => thrown as { init?: { status?: number }; data?: string },
    );
    expect(refused).toMatchObject({ init: { status: 403 }, data: "Staff see their own record; Casey Agency's is for them, the owner and strategists." });
  });

  it("GIVEN Sam at Follow or Adapt THEN proposing a tactic or a target is refused (403); the owner is told to set them himself; nothing is written", async () => {
    for (const stage of ["follow", "adapt"] as const) {
      await memberAtStage(db, SHOP, SAM, stage);
      for (const proposal of [tactic, target])
        expect(await expectDatabaseUnchanged(db, () => post(proposal))).toMatchObject({
          status: 403,
          body: {
            errors: { form: `Sam Rivera is at the ${stage === "follow" ? "Follow" : "Adapt"} stage: proposing tactics and targets comes at the Create stage.` },
          },
        });
    }
    expect(await expectDatabaseUnchanged(db, () => post(tactic, OWNER))).toMatchObject({
      status: 403,
      body: { errors: { form: expect.stringMatching(/set tactics and targets themselves/) } },
    });
    expect((await open("", SAM)).propose).toBeNull();
  });

  it("GIVEN Sam at Create THEN a proposal is checked as the owner's own tactic or target would be, field by field, nothing written when refused", async () => {
    await memberAtStage(db, SHOP, SAM, "create");
    expect((await open("", SAM)).propose).not.toBeNull();
    const badTactic = await expectDatabaseUnchanged(db, () => post({ ...tactic, title: "", type: "telepathy" }));
    const ownersTactic = await expectDatabaseUnchanged(db, () =>
      embeddedAction("/app/playbooks", SHOP, { ...tactic, intent: "save_tactic", title: "", type: "telepathy" }, { userId: OWNER }).then(async (request) =>
        callAction<Result>((await import("~/routes/app.playbooks")).action, request),
      ),
    );
    expect(badTactic).toMatchObject({ status: 400, body: { errors: ownersTactic.body.errors } });
    await db.target.create({
      data: {
        shop: SHOP,
        indicator: "aov",
        periodKind: "month",
        from: "2027-01-01",
        to: "2027-01-31",
        value: "50",
        direction: "at_least",
        createdBy: OWNER,
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    expect(await expectDatabaseUnchanged(db, () => post(target))).toMatchObject({
      status: 400,
      body: { errors: { from: expect.stringMatching(/^Overlaps the target/) } },
    });
    expect(await expectDatabaseUnchanged(db, () => post({ ...target, from: "2027-02-01", indicator: "discount_rate", value: "250" }))).toMatchObject({
      status: 400,
      body: { errors: { value: "Discount rate is a percentage from 0 to 100." } },
    });
  });

  it("GIVEN Sam's proposals THEN the owner returns one with a comment (required), Sam withdraws another, and approves a tactic (his, in the playbook) and a target (set, in the history); Sam sees each status and comment", async () => {
    await memberAtStage(db, SHOP, SAM, "create");
    for (const title of ["Gift wrap at checkout", "Second-order card", "To withdraw"])
      expect(await post({ ...tactic, title })).toMatchObject({ status: 200, body: { message: expect.stringMatching(/^Proposal sent/) } });
    expect(await post({ ...target, value: "55.5" })).toMatchObject({ status: 200 });
    const pending = (await open("", OWNER)).pending;
    expect(pending.map((proposal) => proposal.what)).toEqual([
      "Tactic: Gift wrap at checkout",
      "Tactic: Second-order card",
      "Tactic: To withdraw",
      "Target: Average order value ≥ €55.50, Jan 1, 2027 – Jan 31, 2027",
    ]);
    const [gift, card, withdraw] = await Promise.all(["Gift wrap at checkout", "Second-order card", "To withdraw"].map(proposalOf));
    const targetProposal = (await db.proposal.findFirstOrThrow({ where: { shop: SHOP, kind: "target" } })).id;

    expect(await expectDatabaseUnchanged(db, () => post({ intent: "approve_proposal", id: String(gift!.id) }, SAM))).toMatchObject({ status: 403 });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "withdraw_proposal", id: String(withdraw!.id) }, CASEY))).toMatchObject({
      status: 403,
      body: { errors: { form: "Only Sam Rivera, who proposed it, can withdraw it." } },
    });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "return_proposal", id: String(card!.id), comment: "  " }, OWNER))).toMatchObject({
      status: 400,
      body: { errors: { comment: "Say why it goes back: the proposer reads it." } },
    });
    expect(await post({ intent: "return_proposal", id: String(card!.id), comment: "We tried cards in 2025." }, OWNER)).toMatchObject({ status: 200 });
    expect(await post({ intent: "withdraw_proposal", id: String(withdraw!.id) })).toMatchObject({ status: 200, body: { message: "Proposal withdrawn." } });
    expect(await post({ intent: "approve_proposal", id: String(gift!.id) }, OWNER)).toMatchObject({ status: 200, body: { message: "Proposal approved." } });
    expect(await post({ intent: "approve_proposal", id: String(targetProposal) }, OWNER)).toMatchObject({ status: 200 });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "approve_proposal", id: String(card!.id) }, OWNER))).toMatchObject({
      status: 400,
      body: { errors: { id: "That proposal no longer waits for a decision (Returned)." } },
    });

    const added = (await storePlaybook(db, SHOP)).find((item) => item.title === "Gift wrap at checkout")!;
    expect(added).toMatchObject({ indicator: "aov", type: "content", how: tactic.how, hypothesis: tactic.hypothesis, builtIn: false });
    expect(await db.storeTactic.findUniqueOrThrow({ where: { shop_key: { shop: SHOP, key: added.key } } })).toMatchObject({ createdBy: SAM, updatedBy: OWNER });
    const set = await db.target.findFirstOrThrow({ where: { shop: SHOP, deletedAt: null } });
    expect(set).toMatchObject({ indicator: "aov", from: "2027-01-01", to: "2027-01-31", value: "55.5" });
    expect(await db.proposal.findUniqueOrThrow({ where: { id: targetProposal } })).toMatchObject({
      status: "approved",
      resultKey: String(set.id),
      decidedBy: OWNER,
    });

    const record = (await open("", SAM)).record;
    expect(Object.fromEntries(record.proposals.map((proposal) => [proposal.what, [proposal.statusLabel, proposal.comment]]))).toEqual({
      "Tactic: Gift wrap at checkout": ["Approved", null],
      "Tactic: Second-order card": ["Returned", "Store Owner: “We tried cards in 2025.”"],
      "Tactic: To withdraw": ["Withdrawn", null],
      "Target: Average order value ≥ €55.50, Jan 1, 2027 – Jan 31, 2027": ["Approved", null],
    });
    expect(record.own).toEqual({ promotions: 0, tactics: [{ key: added.key, title: "Gift wrap at checkout" }], targets: 1 });
    expect((await open("", OWNER)).pending).toEqual([]);
    const words = (await callLoader(targetsLoader, await embeddedRequest("/app/targets", SHOP, { userId: OWNER }))).history.map((change) => change.what);
    expect(words).toEqual(
      expect.arrayContaining([
        "Sam Rivera proposed the tactic “Second-order card”",
        "Sam Rivera's proposal of the tactic “Second-order card” returned: “We tried cards in 2025.”",
        "Sam Rivera withdrew their proposal of the tactic “To withdraw”",
        "Sam Rivera's proposal of the tactic “Gift wrap at checkout” approved",
        "Sam Rivera's proposal of a target on Average order value (Jan 1, 2027 – Jan 31, 2027) approved",
        "set the target Average order value ≥ €55.50 (Jan 1, 2027 – Jan 31, 2027)",
      ]),
    );
  });

  it("GIVEN a target proposal that another target overlaps by the time it is approved THEN approving it is refused with why, and it still waits, nothing written", async () => {
    await memberAtStage(db, SHOP, SAM, "create");
    expect(await post(target)).toMatchObject({ status: 200 });
    const id = String((await db.proposal.findFirstOrThrow({ where: { shop: SHOP } })).id);
    expect(
      await embeddedAction("/app/targets", SHOP, { ...target, intent: "create_target", value: "70" }, { userId: OWNER }).then((request) =>
        callAction<Result>(targetsAction, request),
      ),
    ).toMatchObject({ status: 200 });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "approve_proposal", id }, OWNER))).toMatchObject({
      status: 400,
      body: { errors: { from: expect.stringMatching(/^Overlaps the target/) } },
    });
    expect((await open("", OWNER)).pending.map((proposal) => proposal.statusLabel)).toEqual(["Waiting"]);
  });

  it("GIVEN the owner whose admin is in Simplified Chinese THEN stages, proposals and the history read in Chinese", async () => {
    await memberAtStage(db, SHOP, SAM, "create");
    await post({ ...tactic, title: "礼品包装" });
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: OWNER } }, data: { locale: "zh-CN" } });
    expect(await post({ intent: "return_proposal", id: String((await proposalOf("礼品包装"))!.id), comment: "" }, OWNER)).toMatchObject({
      status: 400,
      body: { errors: { comment: "请说明退回原因：提出者会看到。" } },
    });
    const page = await open(`?member=${SAM}`, OWNER);
    expect(page.stages.map((stage) => stage.label)).toEqual(["照做", "调整", "创新"]);
    expect(page.pending.map((proposal) => [proposal.what, proposal.statusLabel])).toEqual([["打法：礼品包装", "待定"]]);
    expect(await post({ intent: "set_stage", userId: SAM, stage: "adapt" }, OWNER)).toMatchObject({ status: 200, body: { message: "阶段已保存。" } });
    const history = (await callLoader(targetsLoader, await embeddedRequest("/app/targets", SHOP, { userId: OWNER }))).history.map((change) => change.what);
    expect(history.slice(0, 2)).toEqual(["Sam Rivera现处于“调整”阶段（之前为“创新”）", "Sam Rivera提出了打法“礼品包装”"]);
  });
});
