/** An order's cancellation and refunds: which units come back when, and the money each refund returns, exactly. */
import { convertMinor } from "./currencies";
import { type FixtureRefund, type FixtureRefundLineItem, type MoneyBag } from "./fixture-objects";
import { type Line } from "./order-line";
import { Rng, roundDiv } from "./random";
import { DAY_S, type TimestampFormatter } from "./timestamps";

/** An order's amounts in integer minor units, in the shop currency and in the buyer's. */
export interface OrderAmounts {
  subtotalShop: number;
  subtotalPresentment: number;
  shippingShop: number;
  shippingPresentment: number;
  taxShop: number;
  taxPresentment: number;
}

export interface RefundLedgerInput {
  lines: readonly Line[];
  money: OrderAmounts;
  currencies: { shop: string; presentment: string; foreign: boolean };
  /** Formats an amount pair as the order's MoneyBag. */
  bag: (shopMinor: number, presentmentMinor: number) => MoneyBag;
  format: TimestampFormatter;
  rng: Rng;
  /** The next refund id of the store (refund ids increase across orders). */
  nextRefundId: () => number;
  /** The order's updatedAt so far; each refund moves it on. */
  updatedSec: number;
}

export interface RefundMoney {
  atSec: number;
  shopMinor: number;
  presentmentMinor: number;
}

/** The refunds of one order as they are made, with what has been refunded so far. */
export class RefundLedger {
  readonly refunds: FixtureRefund[] = [];
  /** Each refund's time and money in minor units, in the order of `refunds` (its payment returns them). */
  readonly returned: RefundMoney[] = [];
  refundedShop = 0;
  refundedPresentment = 0;
  updatedSec: number;
  /** Units of each line refunded so far. */
  readonly refundedUnits: number[];
  private shippingRefunded = false;

  constructor(private readonly input: RefundLedgerInput) {
    this.updatedSec = input.updatedSec;
    this.refundedUnits = input.lines.map(() => 0);
  }

  /** A refund of `quantities[i]` units of each line, with each line's discount returned pro rata. */
  addRefund(atSec: number, quantities: readonly number[]): void {
    const { lines, bag } = this.input;
    const refundLineItems: FixtureRefundLineItem[] = [];
    let totalShop = 0;
    let totalPresentment = 0;
    lines.forEach((line, i) => {
      const quantity = quantities[i] as number;
      if (quantity <= 0) return;
      const before = this.refundedUnits[i] as number;
      const after = before + quantity;
      this.refundedUnits[i] = after;
      // The line discount is returned pro rata per unit, exactly: the cumulative share of
      // `after` units minus that of `before` units (all of it once every unit is back).
      const shareShop = Math.floor((line.discount * after) / line.quantity) - Math.floor((line.discount * before) / line.quantity);
      const sharePresentment = Math.floor((line.discountPresentment * after) / line.quantity) - Math.floor((line.discountPresentment * before) / line.quantity);
      const subtotalShopLine = quantity * line.price - shareShop;
      const subtotalPresentmentLine = quantity * line.pricePresentment - sharePresentment;
      totalShop += subtotalShopLine;
      totalPresentment += subtotalPresentmentLine;
      refundLineItems.push({ lineItem: { id: line.id }, quantity, subtotalSet: bag(subtotalShopLine, subtotalPresentmentLine) });
    });
    if (refundLineItems.length === 0) return;
    this.refundedShop += totalShop;
    this.refundedPresentment += totalPresentment;
    this.record(atSec, totalShop, totalPresentment, refundLineItems);
  }

  /**
   * A refund of money only, without lines: the shipping (once), or a goodwill share of what is
   * left, after which nothing more is refunded (so refunds never pass what was paid). Says
   * whether more refunds may follow.
   */
  addAmountRefund(atSec: number): boolean {
    const { money, currencies, rng } = this.input;
    const shipping = money.shippingShop > 0 && !this.shippingRefunded && rng.chance(0.5);
    const left = money.subtotalShop + money.shippingShop + money.taxShop - this.refundedShop;
    const amountShop = shipping ? money.shippingShop : Math.min(left, roundDiv(money.subtotalShop * rng.between(2, 15), 100));
    if (amountShop <= 0) return false;
    this.shippingRefunded ||= shipping;
    const leftPresentment = money.subtotalPresentment + money.shippingPresentment + money.taxPresentment - this.refundedPresentment;
    const amountPresentment = shipping
      ? money.shippingPresentment
      : currencies.foreign
        ? Math.min(leftPresentment, convertMinor(amountShop, currencies.shop, currencies.presentment))
        : amountShop;
    this.refundedShop += amountShop;
    this.refundedPresentment += amountPresentment;
    this.record(atSec, amountShop, amountPresentment, []);
    return shipping;
  }

  private record(atSec: number, shopMinor: number, presentmentMinor: number, refundLineItems: FixtureRefundLineItem[]): void {
    const { bag, format, nextRefundId } = this.input;
    this.returned.push({ atSec, shopMinor, presentmentMinor });
    this.refunds.push({
      id: `gid://shopify/Refund/${nextRefundId()}`,
      createdAt: format.format(atSec),
      totalRefundedSet: bag(shopMinor, presentmentMinor),
      refundLineItems,
    });
    this.updatedSec = Math.max(this.updatedSec, atSec);
  }
}

/**
 * What happens to an order after it is placed: an edit that takes a unit back, a cancellation
 * (~2%, half refunded in full), or refunds (~6% typically, often partial; most orders in "heavy"
 * returns). Returns when it was cancelled, or -1.
 */
export function cancelAndRefund(
  ledger: RefundLedger,
  rng: Rng,
  order: { lines: readonly Line[]; createdSec: number; endSec: number; edited: boolean; heavyReturns: boolean },
): number {
  const { lines, createdSec, endSec } = order;
  let cancelledSec = -1;
  if (order.edited) {
    // The edit, soon after the order (before any cancellation); now and then it takes a unit off
    // a line, and that unit is refunded.
    const editSec = Math.min(createdSec + rng.between(60, 3000), endSec - 1);
    ledger.updatedSec = Math.max(ledger.updatedSec, editSec);
    if (rng.chance(0.3)) {
      const quantities = lines.map(() => 0);
      quantities[rng.between(0, lines.length - 1)] = 1;
      ledger.addRefund(editSec, quantities);
    }
  }
  const everything = () => lines.map((line) => line.quantity);
  const fate = rng.next();
  if (fate < 0.02) {
    const at = createdSec + rng.between(3600, 4 * DAY_S);
    if (at < endSec) {
      cancelledSec = at;
      ledger.updatedSec = Math.max(ledger.updatedSec, at);
      if (rng.chance(0.5)) {
        const refundAt = at + rng.between(0, 120);
        if (refundAt < endSec) ledger.addRefund(refundAt, everything());
      }
    }
  } else if (!order.heavyReturns && fate < 0.08) {
    const at = createdSec + rng.between(2 * DAY_S, 40 * DAY_S);
    if (at < endSec) {
      ledger.addRefund(at, pickReturn(rng, lines, ledger.refundedUnits));
      if (rng.chance(0.15)) {
        const second = at + rng.between(3 * DAY_S, 20 * DAY_S);
        if (second < endSec) ledger.addRefund(second, pickReturn(rng, lines, ledger.refundedUnits));
      }
    }
  } else if (order.heavyReturns && fate < 0.6) {
    // Up to four refunds, each of some lines and units, or of money only (no lines).
    let at = createdSec + rng.between(2 * DAY_S, 40 * DAY_S);
    for (let n = 0; n < 4 && at < endSec; n++) {
      if (rng.chance(0.2)) {
        if (!ledger.addAmountRefund(at)) break;
      }
      // An order of hundreds of lines (wholesale) comes back whole at first.
      else if (n === 0 && lines.length > 100) ledger.addRefund(at, everything());
      else ledger.addRefund(at, pickReturn(rng, lines, ledger.refundedUnits));
      if (!rng.chance(0.5)) break;
      at += rng.between(DAY_S, 10 * DAY_S);
    }
  }
  return cancelledSec;
}

/** Quantities returned in one refund: everything left, or some lines and units of them. */
function pickReturn(rng: Rng, lines: readonly Line[], refunded: readonly number[]): number[] {
  const left = lines.map((line, i) => line.quantity - (refunded[i] as number));
  if (rng.chance(0.35)) return left;
  const out: number[] = left.map((available): number => (available > 0 && rng.chance(0.5) ? rng.between(1, available) : 0));
  if (!out.some((q) => q > 0)) {
    const candidates = left.map((available, i) => (available > 0 ? i : -1)).filter((i) => i >= 0);
    if (candidates.length > 0) {
      const i = rng.pick(candidates);
      out[i] = rng.between(1, left[i] as number);
    }
  }
  return out;
}
