import db from "~/db.server";

/** Empties every table, so each test starts from a blank, migrated database of its own worker. */
export async function resetDatabase(): Promise<void> {
  await db.weeklyReview.deleteMany();
  await db.promotionNote.deleteMany();
  await db.promotionCode.deleteMany();
  await db.promotion.deleteMany();
  await db.strategyChange.deleteMany();
  await db.target.deleteMany();
  await db.goal.deleteMany();
  await db.staffMember.deleteMany();
  await db.dailyRollup.deleteMany();
  await db.dailyProductRollup.deleteMany();
  await db.rollupCustomer.deleteMany();
  await db.refundLine.deleteMany();
  await db.refund.deleteMany();
  await db.orderLine.deleteMany();
  await db.orderDiscountCode.deleteMany();
  await db.order.deleteMany();
  await db.variant.deleteMany();
  await db.product.deleteMany();
  await db.customerDataRequest.deleteMany();
  await db.syncRun.deleteMany();
  await db.syncTask.deleteMany();
  await db.webhookDelivery.deleteMany();
  await db.session.deleteMany();
  await db.shop.deleteMany();
}

export { db };
