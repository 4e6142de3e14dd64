/**
 * The orders themselves: lines, discounts, money in shop and presentment currency, dates,
 * cancellations, refunds, journeys, and (from a random stream of their own, so that the rest stays
 * as it was for a seed) where they ship and how they were paid.
 */
import { currencyDecimals } from "@throughline/shopify-common/money";
import { type TimeZone as Zone } from "@throughline/shopify-common/time-zone";
import {
  CODE_WELCOME,
  CODE_SPRING,
  CODE_SUMMER,
  CODE_BFCM,
  CODE_VIP,
  type Campaign,
  CAMPAIGNS,
  WINDOW_SPRING,
  WINDOW_SUMMER,
  WINDOW_BFCM,
  campaignVisit,
  everydayVisit,
} from "./campaigns";
import { CUSTOM_ITEMS, PRODUCT_SEASON, type VariantPlan, type ProductPlan } from "./catalogue";
import { CURRENCIES, PRESENTMENT_CHOICES, TAX_RATES, DEFAULT_TAX_RATES, formatMinor, convertMinor, localPrice } from "./currencies";
import {
  type MoneyBag,
  type FixtureRef,
  type FixtureLineItem,
  type FixtureCustomerVisit,
  type FixtureCustomerJourneySummary,
  type FixtureSourceName,
  type FixtureOrder,
} from "./fixture-objects";
import { ORDER_ID_BASE, LINE_ITEM_ID_BASE, REFUND_ID_BASE, EDITED_LINE_ITEM_ID_BASE, FIRST_ORDER_NUMBER } from "./ids";
import { SOURCE_WEB, SOURCE_POS, SOURCE_DRAFT, SOURCE_NAMES, type OrderPlan } from "./order-plan";
import { type Line } from "./order-line";
import { Rng, cumulate, roundDiv, allocate } from "./random";
import { cancelAndRefund, RefundLedger } from "./refunds";
import { shippingAddress } from "./destinations";
import { PaymentGenerator } from "./payments";
import { type Settings } from "./settings";
import { DAY_MS, DAY_S, TimestampFormatter } from "./timestamps";

export function* generateOrders(
  settings: Settings,
  zone: Zone,
  plan: OrderPlan,
  products: ProductPlan[],
  rng: Rng,
  format: TimestampFormatter,
  /** Draws shipping addresses and payments only. */
  paymentRng: Rng,
): Generator<FixtureOrder> {
  const { currency: shopCurrency, decimals: shopDecimals, startSec, endSec } = settings;
  const variants = products.flatMap((product) => product.variants);
  const cum = new Float64Array(Math.max(variants.length, 1));
  const taxRates = TAX_RATES[shopCurrency] ?? DEFAULT_TAX_RATES;
  const presentmentChoices = CURRENCIES[shopCurrency] ? PRESENTMENT_CHOICES.filter(([code]) => code !== shopCurrency) : [];
  const presentmentCum = cumulate(presentmentChoices.map(([, weight]) => weight));
  const freeShippingFrom = localPrice(7500, shopCurrency);
  const flatShipping = localPrice(695, shopCurrency);
  const expressShipping = localPrice(1495, shopCurrency);
  const ordersSoFar = new Uint32Array(plan.customerCount);
  const customerRefs = new Map<number, string>();
  const payments = new PaymentGenerator(paymentRng, { currency: shopCurrency, decimals: shopDecimals, endSec }, format);

  let orderIndex = 0;
  let lineCounter = 0;
  let refundCounter = 0;
  let editedLineCounter = 0;
  const lines: Line[] = [];
  const weightScratch: number[] = [];
  const allocScratch: number[] = [];

  for (let d = 0; d < plan.dayCounts.length; d++) {
    const count = plan.dayCounts[d] as number;
    if (count === 0) continue;
    const day = plan.firstDay + d;
    const month = new Date(day * DAY_MS).getUTCMonth();
    const campaignsToday = plan.dayCampaigns[d] as number;

    // Demand of each variant today.
    let total = 0;
    for (let v = 0; v < variants.length; v++) {
      const variant = variants[v] as VariantPlan;
      const product = products[variant.productIndex] as ProductPlan;
      let weight = 0;
      if (day >= product.fromDay && day < product.untilDay) {
        weight = product.popularity * variant.share * (PRODUCT_SEASON[product.season][month] as number);
        if (day - product.launchDay < 21) weight *= 1.8;
      }
      total += weight;
      cum[v] = total;
    }
    const canPick = total > 0;

    for (let k = 0; k < count; k++, orderIndex++) {
      const processedSec = startSec + (plan.orderTime[orderIndex] as number);
      const source = plan.orderSource[orderIndex] as number;
      const customer = plan.orderCustomer[orderIndex] as number;
      const priorOrders = customer >= 0 ? (ordersSoFar[customer] as number) : 0;
      if (customer >= 0) ordersSoFar[customer] = priorOrders + 1;

      // Presentment currency: international web buyers pay in their own currency.
      let presentment = shopCurrency;
      if (source === SOURCE_WEB && presentmentChoices.length > 0 && rng.chance(0.055)) {
        presentment = (presentmentChoices[rng.cumulative(presentmentCum)] as readonly [string, number])[0];
      }
      const foreign = presentment !== shopCurrency;
      const presentmentDecimals = currencyDecimals(presentment);

      // Lines: 1–6, mean ≈ 2.2; quantities mostly 1.
      const u = rng.next();
      const lineCount = u < 0.4 ? 1 : u < 0.68 ? 2 : u < 0.84 ? 3 : u < 0.93 ? 4 : u < 0.975 ? 5 : 6;
      lines.length = 0;
      for (let n = 0; n < lineCount; n++) {
        if (!canPick || rng.chance(source === SOURCE_POS ? 0.06 : 0.014)) {
          const [title, usd] = rng.pick(CUSTOM_ITEMS);
          const price = localPrice(usd, shopCurrency);
          lines.push({
            variant: null,
            title,
            sku: null,
            quantity: rng.chance(0.85) ? 1 : 2,
            price,
            pricePresentment: 0,
            discount: 0,
            discountPresentment: 0,
            id: "",
          });
          continue;
        }
        let variant = variants[rng.cumulative(cum)] as VariantPlan;
        for (let retry = 0; retry < 4 && lines.some((line) => line.variant === variant); retry++) variant = variants[rng.cumulative(cum)] as VariantPlan;
        if (lines.some((line) => line.variant === variant)) continue;
        const q = rng.next();
        const quantity =
          variant.qty === "consumable"
            ? q < 0.64
              ? 1
              : q < 0.9
                ? 2
                : 3
            : variant.qty === "multi"
              ? q < 0.78
                ? 1
                : q < 0.95
                  ? 2
                  : 3
              : q < 0.93
                ? 1
                : q < 0.99
                  ? 2
                  : 3;
        lines.push({
          variant,
          title: variant.title,
          sku: variant.sku,
          quantity,
          price: variant.priceMinor,
          pricePresentment: 0,
          discount: 0,
          discountPresentment: 0,
          id: "",
        });
      }
      // Heavy returns: now and then an order of hundreds of lines, and orders edited after placing.
      let edited = false;
      if (settings.heavyReturns) {
        if (rng.chance(0.02)) {
          for (let extra = rng.between(20, 300 - lines.length); extra > 0; extra--) {
            const [title, usd] = rng.pick(CUSTOM_ITEMS);
            lines.push({
              variant: null,
              title,
              sku: null,
              quantity: rng.between(1, 3),
              price: localPrice(usd, shopCurrency),
              pricePresentment: 0,
              discount: 0,
              discountPresentment: 0,
              id: "",
            });
          }
        }
        edited = rng.chance(0.1);
      }
      for (const line of lines) {
        line.id = `gid://shopify/LineItem/${LINE_ITEM_ID_BASE + ++lineCounter}`;
        line.pricePresentment = foreign ? convertMinor(line.price, shopCurrency, presentment) : line.price;
      }
      if (edited) {
        // A line added by an order edit: its id is given at the edit, later than the order's own.
        const picked = canPick ? (variants[rng.cumulative(cum)] as VariantPlan) : null;
        const variant = picked && !lines.some((line) => line.variant === picked) ? picked : null;
        const [title, usd] = rng.pick(CUSTOM_ITEMS);
        const price = variant ? variant.priceMinor : localPrice(usd, shopCurrency);
        lines.push({
          variant,
          title: variant ? variant.title : title,
          sku: variant ? variant.sku : null,
          quantity: 1,
          price,
          pricePresentment: foreign ? convertMinor(price, shopCurrency, presentment) : price,
          discount: 0,
          discountPresentment: 0,
          id: `gid://shopify/LineItem/${EDITED_LINE_ITEM_ID_BASE + ++editedLineCounter}`,
        });
      }

      // Discount code.
      let campaign = -1;
      const codeFactor = source === SOURCE_WEB ? 1 : source === SOURCE_POS ? 0.4 : 0.2;
      if (campaignsToday & WINDOW_BFCM && rng.chance(0.6 * codeFactor)) campaign = CODE_BFCM;
      else if (campaignsToday & WINDOW_SUMMER && rng.chance(0.3 * codeFactor)) campaign = CODE_SUMMER;
      else if (campaignsToday & WINDOW_SPRING && rng.chance(0.25 * codeFactor)) campaign = CODE_SPRING;
      else if (customer >= 0 && priorOrders === 0 && rng.chance(0.2 * codeFactor)) campaign = CODE_WELCOME;
      else if (customer >= 0 && priorOrders >= 3 && rng.chance(0.3 * codeFactor)) campaign = CODE_VIP;
      const discountCodes: string[] = [];
      const percent = campaign >= 0 ? (CAMPAIGNS[campaign] as Campaign).percent : 0;
      if (campaign >= 0) {
        const code = (CAMPAIGNS[campaign] as Campaign).code;
        discountCodes.push(rng.chance(0.25) ? code.toLowerCase() : code);
      }

      // Money, in the shop currency and (the same way) in the presentment currency.
      let grossShop = 0;
      let grossPresentment = 0;
      weightScratch.length = 0;
      for (const line of lines) {
        grossShop += line.quantity * line.price;
        grossPresentment += line.quantity * line.pricePresentment;
      }
      const discountShop = percent ? roundDiv(grossShop * percent, 100) : 0;
      const discountPresentment = foreign ? (percent ? roundDiv(grossPresentment * percent, 100) : 0) : discountShop;
      if (discountShop > 0) {
        for (const line of lines) weightScratch.push(line.quantity * line.price);
        allocate(discountShop, weightScratch, allocScratch);
        lines.forEach((line, i) => (line.discount = allocScratch[i] as number));
        if (foreign) {
          weightScratch.length = 0;
          for (const line of lines) weightScratch.push(line.quantity * line.pricePresentment);
          allocate(discountPresentment, weightScratch, allocScratch);
          lines.forEach((line, i) => (line.discountPresentment = allocScratch[i] as number));
        } else for (const line of lines) line.discountPresentment = line.discount;
      }
      const subtotalShop = grossShop - discountShop;
      const subtotalPresentment = grossPresentment - discountPresentment;
      let shippingShop = 0;
      if (source === SOURCE_WEB || (source === SOURCE_DRAFT && rng.chance(0.5))) {
        if (subtotalShop < freeShippingFrom) shippingShop = rng.chance(0.12) ? expressShipping : flatShipping;
        else if (rng.chance(0.05)) shippingShop = expressShipping;
      }
      const shippingPresentment = foreign ? convertMinor(shippingShop, shopCurrency, presentment) : shippingShop;
      const taxRate = rng.pick(taxRates);
      const taxShop = roundDiv(subtotalShop * taxRate, 100_000);
      const taxPresentment = foreign ? roundDiv(subtotalPresentment * taxRate, 100_000) : taxShop;

      const bag = (shopMinor: number, presentmentMinor: number): MoneyBag => {
        const amount = formatMinor(shopMinor, shopDecimals);
        return {
          shopMoney: { amount, currencyCode: shopCurrency },
          presentmentMoney: { amount: foreign ? formatMinor(presentmentMinor, presentmentDecimals) : amount, currencyCode: presentment },
        };
      };

      // Dates.
      let createdSec = processedSec;
      const dateKind = rng.next();
      if (dateKind < 0.03)
        createdSec = processedSec + rng.between(30, 3 * 3600); // imported order
      else if (dateKind < 0.4) createdSec = processedSec + rng.between(1, 4);
      createdSec = Math.max(processedSec, Math.min(createdSec, endSec - 1));
      let updatedSec = createdSec;
      if (source !== SOURCE_POS && rng.chance(0.75)) {
        const fulfilled = createdSec + rng.between(3600, 3 * DAY_S);
        if (fulfilled < endSec) updatedSec = fulfilled;
      }
      const isTest = rng.chance(0.005);

      // Cancellations (~2%, half refunded in full) and refunds (~6%, often partial).
      const ledger = new RefundLedger({
        lines,
        money: { subtotalShop, subtotalPresentment, shippingShop, shippingPresentment, taxShop, taxPresentment },
        currencies: { shop: shopCurrency, presentment, foreign },
        bag,
        format,
        rng,
        nextRefundId: () => REFUND_ID_BASE + ++refundCounter,
        updatedSec,
      });
      const cancelledSec = cancelAndRefund(ledger, rng, { lines, createdSec, endSec, edited, heavyReturns: settings.heavyReturns });
      updatedSec = ledger.updatedSec;
      const { refunds, refundedShop, refundedPresentment } = ledger;

      // Marketing journey.
      let journey: FixtureCustomerJourneySummary | null;
      if (source !== SOURCE_WEB) journey = null;
      else {
        let lastVisit: FixtureCustomerVisit | null = null;
        if (campaign >= 0 && rng.chance(0.55)) lastVisit = campaignVisit(rng, CAMPAIGNS[campaign] as Campaign);
        else if (campaign < 0 && campaignsToday && rng.chance(0.2)) {
          const active = campaignsToday & WINDOW_BFCM ? CODE_BFCM : campaignsToday & WINDOW_SUMMER ? CODE_SUMMER : CODE_SPRING;
          lastVisit = campaignVisit(rng, CAMPAIGNS[active] as Campaign);
        } else if (rng.chance(0.27)) lastVisit = everydayVisit(rng, month);
        const firstVisit = lastVisit && rng.chance(0.35) ? everydayVisit(rng, month) : null;
        journey = lastVisit || rng.chance(0.85) ? { firstVisit, lastVisit } : null;
      }

      let customerRef: FixtureRef | null = null;
      if (customer >= 0) {
        let gid = customerRefs.get(customer);
        if (gid === undefined) {
          gid = `gid://shopify/Customer/${plan.customerId[customer] as number}`;
          if (customerRefs.size < 50_000) customerRefs.set(customer, gid);
        }
        customerRef = { id: gid };
      }

      const totalShop = subtotalShop + shippingShop + taxShop;
      const totalPresentment = subtotalPresentment + shippingPresentment + taxPresentment;
      const destination = shippingAddress(paymentRng, { source, shippingCharged: shippingShop > 0, shopCurrency, presentment });
      const transactions = payments.transactionsOf({
        source,
        test: isTest,
        processedSec,
        cancelledSec,
        totalShop,
        totalPresentment,
        foreign,
        refunds: ledger.returned,
        bag,
      });

      yield {
        __typename: "Order",
        id: `gid://shopify/Order/${ORDER_ID_BASE + 1 + orderIndex}`,
        name: `#${FIRST_ORDER_NUMBER + orderIndex}`,
        createdAt: format.format(createdSec),
        updatedAt: format.format(updatedSec),
        processedAt: format.format(processedSec),
        cancelledAt: cancelledSec >= 0 ? format.format(cancelledSec) : null,
        test: isTest,
        currencyCode: shopCurrency,
        presentmentCurrencyCode: presentment,
        sourceName: SOURCE_NAMES[source] as FixtureSourceName,
        customer: customerRef,
        discountCodes,
        subtotalPriceSet: bag(subtotalShop, subtotalPresentment),
        totalDiscountsSet: bag(discountShop, discountPresentment),
        totalShippingPriceSet: bag(shippingShop, shippingPresentment),
        totalTaxSet: bag(taxShop, taxPresentment),
        totalPriceSet: bag(totalShop, totalPresentment),
        totalRefundedSet: bag(refundedShop, refundedPresentment),
        lineItems: lines.map((line): FixtureLineItem => ({
          id: line.id,
          quantity: line.quantity,
          sku: line.sku,
          title: line.title,
          variant: line.variant ? { id: line.variant.gid } : null,
          product: line.variant ? { id: line.variant.productGid } : null,
          originalUnitPriceSet: bag(line.price, line.pricePresentment),
          totalDiscountSet: bag(line.discount, line.discountPresentment),
        })),
        refunds,
        customerJourneySummary: journey,
        shippingAddress: destination,
        transactions,
      };
    }
  }
}
