/**
 * How each order was paid: its `OrderTransaction`s, with the fees Shopify Payments reported. Drawn
 * from a random stream of their own (the caller's), after the order itself is made, so that adding
 * payments changed no other field of a seed's store.
 *
 * - Most web orders pay through Shopify Payments in one SALE with its fee listed; some are authorized
 *   at checkout and captured later (AUTHORIZATION then CAPTURE, the fee on the capture; an
 *   authorization voided when the order is cancelled first, or still open at the end of the store),
 *   a few after a declined attempt (a SALE or CAPTURE with status FAILURE) or a capture that failed once.
 * - Others pay through PayPal (a SALE with no fees: PayPal doesn't report its fees to Shopify), a
 *   manual method (bank deposit, cash on delivery: a PENDING sale, then a SUCCESS sale when the
 *   merchant marks it paid, or never for some cancelled or recent orders), or in the shop in cash.
 * - Every refund is returned through the gateway that took the money, as a REFUND at the refund's
 *   time. Shopify Payments keeps its fee on most refunds (no fees listed); on some it gives back the
 *   rate part of it, listed as a fee with a negative amount.
 * - Test orders pay through Shopify's test gateway ("bogus"), every transaction `test: true`, no fees.
 */
import { feeMinor, feeTaxMinor, rateString, SHOPIFY_PAYMENTS, shopifyPaymentsSchedule, type FeeSchedule } from "../payment-fees";
import { formatMinor } from "./currencies";
import {
  type FixtureRef,
  type FixtureTransaction,
  type FixtureTransactionFee,
  type FixtureTransactionKind,
  type FixtureTransactionStatus,
  type MoneyBag,
} from "./fixture-objects";
import { FEE_ID_BASE, TRANSACTION_ID_BASE } from "./ids";
import { SOURCE_DRAFT, SOURCE_POS } from "./order-plan";
import { type RefundMoney } from "./refunds";
import { type Rng } from "./random";
import { DAY_S, type TimestampFormatter } from "./timestamps";

export const PAYPAL = "paypal";
export const MANUAL = "manual";
export const CASH = "cash";
export const TEST_GATEWAY = "bogus";

/** What the payments of one order depend on, its money in minor units. */
export interface OrderPayment {
  source: number;
  test: boolean;
  processedSec: number;
  /** When the order was cancelled, or -1. */
  cancelledSec: number;
  totalShop: number;
  totalPresentment: number;
  /** The buyer pays in another currency than the shop's. */
  foreign: boolean;
  refunds: readonly RefundMoney[];
  bag: (shopMinor: number, presentmentMinor: number) => MoneyBag;
}

/** The transactions of a store's orders, with ids that increase across the store. */
export class PaymentGenerator {
  private transactionCounter = 0;
  private feeCounter = 0;

  constructor(
    private readonly rng: Rng,
    private readonly shop: { currency: string; decimals: number; endSec: number },
    private readonly format: TimestampFormatter,
  ) {}

  transactionsOf(order: OrderPayment): FixtureTransaction[] {
    if (order.totalShop <= 0) return [];
    const { rng } = this;
    const out: FixtureTransaction[] = [];
    const add = (
      kind: FixtureTransactionKind,
      status: FixtureTransactionStatus,
      gateway: string,
      atSec: number,
      shopMinor: number,
      presentmentMinor: number,
      parent: FixtureRef | null,
      fees: FixtureTransactionFee[] = [],
    ) => {
      const transaction: FixtureTransaction = {
        id: `gid://shopify/OrderTransaction/${TRANSACTION_ID_BASE + ++this.transactionCounter}`,
        kind,
        status,
        gateway,
        processedAt: this.format.format(atSec),
        test: order.test,
        amountSet: order.bag(shopMinor, presentmentMinor),
        fees,
        parentTransaction: parent,
      };
      out.push(transaction);
      return transaction;
    };
    const { totalShop, totalPresentment, processedSec, cancelledSec } = order;
    const firstRefundSec = order.refunds.length > 0 ? Math.min(...order.refunds.map((refund) => refund.atSec)) : Infinity;
    // Money is taken before it is given back, and nothing happens after the store's last second.
    const paidBy = (sec: number) => Math.min(sec, firstRefundSec - 1, this.shop.endSec - 1);
    const channel = order.source === SOURCE_POS ? "in_person" : "online";
    const schedule = shopifyPaymentsSchedule(this.shop.currency, channel, order.foreign);

    const gateway = order.test ? TEST_GATEWAY : this.pickGateway(order.source);
    let paid: FixtureTransaction | null = null;
    if (gateway === SHOPIFY_PAYMENTS) {
      if (order.source !== SOURCE_POS && rng.chance(0.1)) {
        // Authorized at checkout, captured when the order ships: before any refund, unless the
        // order is cancelled first (the authorization is voided) or the store ends before.
        const authorization = add("AUTHORIZATION", "SUCCESS", gateway, processedSec, totalShop, totalPresentment, null);
        const planned = processedSec + rng.between(3600, 2 * DAY_S);
        const captureSec = Math.min(planned, firstRefundSec - 1);
        const cancelledFirst = cancelledSec >= 0 && cancelledSec <= captureSec && order.refunds.length === 0;
        if (cancelledFirst) add("VOID", "SUCCESS", gateway, cancelledSec, totalShop, totalPresentment, { id: authorization.id });
        else if (captureSec < this.shop.endSec) {
          if (rng.chance(0.08) && captureSec - 3600 > processedSec) {
            add("CAPTURE", "FAILURE", gateway, captureSec - 3600, totalShop, totalPresentment, { id: authorization.id });
          }
          paid = add("CAPTURE", "SUCCESS", gateway, captureSec, totalShop, totalPresentment, { id: authorization.id }, this.fees(totalShop, schedule));
        }
      } else {
        let at = processedSec;
        if (rng.chance(0.03)) {
          // A declined card, then another that went through.
          add("SALE", "FAILURE", gateway, at, totalShop, totalPresentment, null);
          at += rng.between(20, 900);
        }
        paid = add("SALE", "SUCCESS", gateway, paidBy(at), totalShop, totalPresentment, null, this.fees(totalShop, schedule));
      }
    } else if (gateway === MANUAL) {
      add("SALE", "PENDING", gateway, processedSec, totalShop, totalPresentment, null);
      const planned = processedSec + rng.between(DAY_S, 10 * DAY_S);
      const neverPaid = order.refunds.length === 0 && (cancelledSec >= 0 || planned >= this.shop.endSec || rng.chance(0.05));
      const markedPaid = paidBy(planned);
      if (!neverPaid) paid = add("SALE", "SUCCESS", gateway, markedPaid, totalShop, totalPresentment, null);
    } else {
      paid = add("SALE", "SUCCESS", gateway, paidBy(processedSec + rng.between(0, 5)), totalShop, totalPresentment, null);
    }

    if (paid) {
      for (const refund of order.refunds) {
        const fees = gateway === SHOPIFY_PAYMENTS && rng.chance(0.3) ? [this.returnedFee(refund.shopMinor, schedule)] : [];
        add("REFUND", "SUCCESS", gateway, refund.atSec, refund.shopMinor, refund.presentmentMinor, { id: paid.id }, fees);
      }
    }
    return out;
  }

  private pickGateway(source: number): string {
    const u = this.rng.next();
    if (source === SOURCE_POS) return u < 0.8 ? SHOPIFY_PAYMENTS : CASH;
    if (source === SOURCE_DRAFT) return u < 0.45 ? SHOPIFY_PAYMENTS : MANUAL;
    return u < 0.8 ? SHOPIFY_PAYMENTS : u < 0.94 ? PAYPAL : MANUAL;
  }

  private money(minor: number) {
    return { amount: formatMinor(minor, this.shop.decimals), currencyCode: this.shop.currency };
  }

  private fee(amount: number, flat: number, rateMicro: number, tax: number): FixtureTransactionFee {
    return {
      id: `gid://shopify/TransactionFee/${FEE_ID_BASE + ++this.feeCounter}`,
      type: "processing_fee",
      amount: this.money(amount),
      flatFee: this.money(flat),
      rate: rateString(rateMicro),
      taxAmount: this.money(tax),
    };
  }

  /** The fee on a payment of `amount` (shop minor units), with the tax charged on it where there is one. */
  private fees(amount: number, schedule: FeeSchedule): FixtureTransactionFee[] {
    const fee = feeMinor(amount, schedule);
    return [this.fee(fee, schedule.flatMinor, schedule.rateMicro, feeTaxMinor(fee, this.shop.currency))];
  }

  /** The rate part of the fee given back on a refund: a negative amount, the flat fee kept. */
  private returnedFee(refunded: number, schedule: FeeSchedule): FixtureTransactionFee {
    const back = feeMinor(refunded, { rateMicro: schedule.rateMicro, flatMinor: 0 });
    return this.fee(-back, 0, schedule.rateMicro, -feeTaxMinor(back, this.shop.currency));
  }
}
