/**
 * The lessons in English: for each indicator, what it means, how it is worked out (as
 * docs/indicators.md defines it), what moves it and the usual mistakes. Written for the people who
 * run the shop, in plain words; the store's own figures are added when a lesson is opened.
 */
import type { LessonTexts } from "./lesson-sections";

export const LESSON_TEXTS_EN = {
  gross_sales: {
    meaning: [
      "Gross sales is the value of everything customers ordered, at the prices on the product pages, before anything is taken off. It is the top line of the shop: the size of the demand you turned into orders.",
      "It is the starting point for almost every other figure. Discounts and returns are taken off it to reach net sales, and discount rate and return rate are measured against it, so a change in gross sales moves many other numbers with it.",
      "On its own it flatters the shop: a month of deep discounts or heavy returns can show high gross sales while the money that stays is small. Read it beside net sales and margin.",
    ],
    computed: [
      "For every line of every order processed in the period, multiply the quantity by the original unit price, and add them all up. Discounts are not taken off and returns are not deducted; shipping charges and taxes are not part of it.",
      "An order counts on the day it was processed in the shop's time zone, whatever happens to it later: cancelled orders are included, and their cancellation shows up in returns on the day it happens. Test orders are left out.",
    ],
    levers: [
      "More orders: bring in visitors (ads, email, content, social) and convert more of them (clear product pages, trust signals, a smooth checkout).",
      "Bigger orders: bundles, upsells and a free-shipping threshold add items to the basket.",
      "Prices: a price rise lifts gross sales on every unit that still sells, and a price cut lowers it unless many more units sell.",
      "Range and availability: new products give regulars a reason to buy again, and best sellers that are out of stock cost sales that never show up anywhere.",
    ],
    mistakes: [
      "Celebrating gross sales while discounts and returns grow faster: the shop can sell more and keep less. Always check net sales in the same period.",
      "Comparing a week with a month, or a holiday month with a quiet one: compare the same length of period, ideally the same period a year earlier.",
      "Expecting it to match the money received: gross sales leaves out shipping, taxes, discounts and refunds, so it is never the amount paid out.",
    ],
  },
  discounts: {
    meaning: [
      "Discounts is the money taken off the price of orders: discount codes, automatic discounts and reductions on single lines. It is what the shop gave away to win or speed up those orders.",
      "A discount is a real cost, even though no invoice arrives for it. Every unit of currency given off comes straight out of what the shop keeps, so it deserves the same attention as an advertising bill.",
      "Discounts are not bad in themselves: a well-aimed welcome code can bring a customer who buys for years. The question is always what each discount bought.",
    ],
    computed: [
      "Add up the total discount of every order processed in the period (Shopify's total discounts of the order). The discount counts on the day the order was processed, in the shop's time zone.",
      "Test orders are left out. A discount on an order later cancelled stays in discounts for the day of the order; the cancellation then takes back the order's discounted value in returns.",
    ],
    levers: [
      "Fewer site-wide codes: a code anyone can find is used by customers who would have paid full price.",
      "Targeted codes: keep them for first orders, win-backs and loyal customers, where they change behaviour.",
      "Smaller or conditional reductions: a minimum basket, a gift with purchase or free shipping often work as well as a percentage off.",
      "Shorter promotions: a clear end date makes customers act now, and the discount stops when the reason for it does.",
    ],
    mistakes: [
      "Looking only at sales during a discount: orders pulled forward from the following weeks look like growth until those weeks come in quiet.",
      "Forgetting codes that leak to coupon sites: they keep costing money long after the campaign.",
      "Judging a promotion by its typed spend alone: a 25% weekend with little spend still gave away a lot, which is why each promotion shows its whole cost with discounts included.",
    ],
  },
  returns: {
    meaning: [
      "Returns is the sales taken back: the value of items refunded, and orders cancelled without any refund. It is money the shop thought it had earned and then gave back.",
      "Returns carry costs beyond the refund itself: shipping both ways, handling, and items that can no longer be sold as new. A shop with rising returns can be busy and still lose money.",
      "They are also a signal: many returns of one product usually mean the page promised something the product doesn't deliver, a size runs small, or items arrive damaged.",
    ],
    computed: [
      "Add up, for every refund created in the period, the value of the refunded lines (their subtotal), whatever day the order itself was placed. Add, for orders cancelled in the period without any refund, the value of all their lines after their discounts.",
      "Returns are dated when they happen, not on the order's date, as Shopify does: a refund in March of a February order counts in March. Refunded shipping is not part of returns, which count the goods only.",
    ],
    levers: [
      "Better product information: size guides, real photos, honest descriptions and measurements on the most returned products.",
      "Careful packing and checking before dispatch, so fewer items arrive damaged or wrong.",
      "Fix or drop the products returned most: the product table shows each product's returns.",
      "A clear returns policy, and exchanges offered before refunds, keep some of the sale in the shop.",
    ],
    mistakes: [
      "Matching returns to the month's orders: returns are dated when the refund happens, so a busy December shows many of its returns in January.",
      "Hiding returns by making them hard: customers who can't return don't come back either.",
      "Looking at the amount only: compare returns with gross sales (the return rate), since more sales bring more returns.",
    ],
  },
  net_sales: {
    meaning: [
      "Net sales is what customers actually bought once discounts and returns are taken off: the sales the shop keeps. It is the most honest measure of how much business the shop did.",
      "Most of the whole-cost figures start from it: gross profit, net profit, net margin, marketing efficiency and the marketing cost ratio all use net sales.",
      "When a goal is about growth, net sales is usually the figure to watch, because it can't be pushed up by giving everything away or by selling things that come back.",
    ],
    computed: [
      "Net sales = gross sales − discounts − returns, each over the same period. Gross sales and discounts belong to the orders processed in the period; returns to the refunds and cancellations that happened in it.",
      "Shipping charges and taxes are not included, as in Shopify's own reports. Because returns are dated when they happen, a period can even show negative net sales if it had more refunds than sales.",
    ],
    levers: [
      "Everything that lifts gross sales: more visitors, better conversion, bigger baskets, new products.",
      "Everything that keeps discounts in check: targeted codes instead of site-wide ones.",
      "Everything that lowers returns: better product information, careful packing, fixing the most returned products.",
      "Bringing customers back: a repeat customer costs less to win and usually buys with fewer returns.",
    ],
    mistakes: [
      "Confusing it with the money in the bank: net sales leaves out shipping charged, taxes, payment fees and other costs.",
      "Comparing this week's net sales with last week's after a big refund: one refund can move a small period a lot, so look at a month too.",
      "Chasing net sales while margin falls: selling more of the products that earn least can grow sales and shrink profit.",
    ],
  },
  orders: {
    meaning: [
      "Orders is the number of orders placed in the period. It tells how many times customers decided to buy, whatever the size of each order.",
      "It is one of the two halves of sales: sales = orders × average order value. When sales move, asking whether orders or the size of orders moved tells you where to look.",
      "Orders also drive the work: packing, shipping and customer service grow with orders, not with sales.",
    ],
    computed: [
      "Count the orders processed in the period, in the shop's time zone, test orders left out. Cancelled and archived orders are counted too: they were placed, and their cancellation shows in returns.",
      "An order counts on the day it was processed (when the customer completed it), not the day it was created as a draft.",
    ],
    levers: [
      "More visitors: ads, email, social posts and search bring people to the shop.",
      "Better conversion: clear photos and prices, reviews, fast pages and a simple checkout turn more visits into orders.",
      "Reasons to buy now: a dated sale, a launch or a seasonal moment.",
      "Bringing customers back: reminders and post-purchase emails win orders from people who already trust the shop.",
    ],
    mistakes: [
      "Counting orders without their value: many small orders can cost more to ship than they earn.",
      "Reading a sale's orders as new demand: many would have come in the weeks after, which then look quiet.",
      "Comparing periods of different lengths or with different weekdays: a month with five weekends has more orders for no other reason.",
    ],
  },
  aov: {
    meaning: [
      "Average order value (AOV) is how much a typical order is worth, after discounts. It tells whether customers buy one item or fill a basket.",
      "With orders, it makes up sales: sales = orders × AOV. Raising it is often cheaper than winning more orders, because the customer is already at the checkout.",
      "Raising AOV is only good news if the extra sales are profitable: an AOV pushed up by discounts on big baskets can cost more than it brings.",
    ],
    computed: [
      "AOV = (gross sales − discounts) ÷ orders, over the orders processed in the period. This is Shopify's definition: returns are not taken off, so a returned order still counts at its full value.",
      "If there were no orders in the period there is nothing to divide by, and the app shows “—” instead of a number.",
    ],
    levers: [
      "Bundles of products that go together, at a small saving.",
      "A free-shipping threshold just above today's AOV, with the cart saying how much is left to reach it.",
      "Upsells: the larger size or the better version offered at the moment of choice.",
      "Cross-sells in the cart and after the purchase: the refill, the accessory, the matching item.",
    ],
    mistakes: [
      "Buying AOV with discounts: a “spend 100, save 20” lifts AOV while the discounts eat the margin. Check net profit in the same period.",
      "Setting the free-shipping threshold far above what customers spend: few reach it, and the rest feel punished.",
      "Forgetting the mix: AOV falls when many new customers place small first orders, which may be good news.",
    ],
  },
  units: {
    meaning: [
      "Units sold is the number of items on the period's orders. It measures how much stock left the shop, whatever the price of each item.",
      "It is the figure the warehouse and the suppliers care about: reorders, packing time and storage follow units, not sales.",
      "Read beside sales, it shows whether the shop sells more items or dearer items.",
    ],
    computed: [
      "Add up the quantity of every line of the orders processed in the period, test orders left out. Cancelled orders are included, as they are in orders.",
      "Units returned are not taken off: they show in returns instead, on the day of the refund.",
    ],
    levers: [
      "Multi-buy offers on products people use up: buy two, save a little.",
      "Bundles and sets that combine several items.",
      "Smaller, cheaper items added at checkout: samples, accessories, refills.",
      "Keeping best sellers in stock, so demand doesn't turn away.",
    ],
    mistakes: [
      "Growing units with low-value items while sales stay flat: more packing for the same money.",
      "Forgetting that price changes move units: a price cut sells more units, not necessarily more money.",
      "Reading units as stock on hand: it counts what was ordered, not what is left in the warehouse.",
    ],
  },
  units_per_order: {
    meaning: [
      "Units per order is how many items a typical order holds. It tells whether customers buy one thing at a time or several.",
      "It is one of the reasons AOV moves: AOV is units per order × the average price of a unit, net of discounts. When AOV rises, it tells whether the basket got fuller or dearer.",
      "More items per order also spreads the shipping and packing cost of each order over more sales.",
    ],
    computed: [
      "Units per order = units sold ÷ orders, both over the orders processed in the period (test orders left out).",
      "Without orders there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Multi-buy offers: a small saving for the second unit of a consumable.",
      "Bundles and kits that put several items in one click.",
      "Recommendations in the cart: what others bought with this item.",
      "A free-shipping threshold that is easiest to reach by adding an item.",
    ],
    mistakes: [
      "Pushing items customers then return: check the return rate of multi-buy orders.",
      "Offering multi-buy savings on products bought in several units anyway: the discount buys nothing.",
      "Reading a fall as bad news when many new customers try one item first.",
    ],
  },
  customers: {
    meaning: [
      "Customers is the number of different people who ordered in the period. Someone who ordered three times counts once.",
      "It shows how wide the shop's reach is: sales can grow because more people buy, or because the same people buy more, and the two call for different work.",
      "It is the base of the customer rates: new customers, returning customer rate and repurchase rate are all parts of it.",
    ],
    computed: [
      "Count the distinct customers among the orders processed in the period. Orders without a customer (guest checkouts that Shopify didn't link to a customer) are left out of every customer figure.",
      "Because each person counts once per period, the customers of a month are fewer than the sum of the customers of its weeks.",
    ],
    levers: [
      "Winning new customers: ads to people like your best customers, welcome offers, referrals.",
      "Bringing lapsed customers back: win-back emails with what is new.",
      "Making sure customers are recognised at checkout (accounts, the same email), so the shop knows who is coming back.",
    ],
    mistakes: [
      "Adding up weekly customers to get a month: the same person would be counted several times.",
      "Forgetting guest orders: a shop with many guest checkouts has more buyers than this figure shows.",
      "Reading more customers as more loyalty: it may be many one-off buyers from a sale.",
    ],
  },
  new_customers: {
    meaning: [
      "New customers is the number of people whose very first order with the shop was in the period. It measures how well the shop finds new buyers.",
      "Every shop loses some customers each year, so new ones are needed just to stay the same size. A shop growing only from its regulars will eventually stall.",
      "Marketing is usually judged on new customers: the cost of a new customer (CAC) is marketing spend divided by them.",
    ],
    computed: [
      "Count the customers of the period whose first counting order ever (the earliest processed, then the lowest id) falls in the period. Test orders never count as a first order; guest orders without a customer are left out.",
      "A customer's first order is looked up over the whole history the app has, so a customer who last bought two years ago is not new.",
    ],
    levers: [
      "Ads to audiences like your best customers, with a clear offer and UTM tags so their orders are attributed.",
      "A welcome code for the first order, shown only to visitors who haven't bought yet.",
      "Referrals: a reward for customers who bring a friend.",
      "Products that attract newcomers: the product table's attraction rate shows which products bring new customers in.",
    ],
    mistakes: [
      "Buying new customers who never come back: check what share of them order again in the following months.",
      "Giving the welcome code to everyone: regulars who use it are not new and cost a discount.",
      "Counting a customer as new because they haven't bought this year: only a first order ever counts.",
    ],
  },
  returning_customer_rate: {
    meaning: [
      "Returning customer rate is the share of the period's customers who had ordered before. It tells how much of the shop's business comes from people who already know it.",
      "A healthy shop has both: enough new customers to grow, and enough returning ones to be stable and profitable, since a returning customer costs little to win.",
      "It depends on the length of the period and on the shop's age: a young shop has few customers to come back, and a long period gives them more time to do so.",
    ],
    computed: [
      "Returning customer rate = (customers − new customers) ÷ customers, over the period. A customer is returning when their first order ever was before the period.",
      "Guest orders are left out. Without customers there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Win-back campaigns: email customers who haven't ordered for a while with what's new.",
      "A post-purchase flow that keeps in touch after the first order.",
      "Loyalty rewards for the next order, sent to existing customers only.",
      "Products people use up, with reminders when they are about to run out.",
    ],
    mistakes: [
      "Reading a fall as lost loyalty when the shop simply won many new customers that period.",
      "Comparing a week's rate with a month's: the longer period always looks more loyal.",
      "Setting a target on it without one on new customers: the easiest way to raise it is to stop finding new buyers.",
    ],
  },
  repurchase_rate: {
    meaning: [
      "Repurchase rate is the share of the period's customers who ordered twice or more within it. It measures how often customers come back quickly.",
      "It matters most for products people use up (coffee, cosmetics, food): a customer who reorders every month is worth many single orders.",
      "It is strongly tied to the length of the period: a week's repurchase rate is much lower than a quarter's, so only compare periods of the same length.",
    ],
    computed: [
      "Repurchase rate = customers with two or more orders in the period ÷ customers in the period. Guest orders are left out.",
      "Only orders inside the period count: a customer who ordered once this month and once last month has not repurchased within this month. Without customers there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "A post-purchase email flow: thanks after delivery, tips a week later, a reason to come back at the usual reorder time.",
      "Replenishment reminders timed to when the product runs out.",
      "A loyalty reward for the second or third order.",
      "Subscriptions or easy reorder links for consumables.",
    ],
    mistakes: [
      "Comparing a week with a month: the rate rises with the length of the period whatever the shop does.",
      "Sending reminders before the product runs out: they feel pushy and are ignored.",
      "Counting split orders as loyalty: a customer who forgot an item and ordered again the same day is not a repurchase worth celebrating.",
    ],
  },
  cogs: {
    meaning: [
      "Cost of goods sold is what the products you sold cost you to buy or make. It is the first and usually the largest cost of a sale.",
      "It is only as good as the unit costs entered in Shopify: a product without a cost adds nothing here, which makes margins look better than they are. Cost coverage says how much of the sales have a known cost.",
      "The cost of each line is the unit cost the app saw when it first stored the order, so changing a cost today doesn't rewrite past months.",
    ],
    computed: [
      "For every line of the period's orders whose unit cost is known, multiply the quantity by the unit cost, and add them up. Then take off the cost of the quantities returned in the period (refunded items and full cancellations) for lines with a known cost.",
      "Lines whose product has no cost set are left out entirely, both here and in gross profit, so the two always speak for the same sales.",
    ],
    levers: [
      "Negotiate with suppliers, or buy in larger batches when the products sell steadily.",
      "Shift the mix towards products with better margins: feature them, bundle them, advertise them.",
      "Cut waste: damaged and unsellable returns raise the real cost of goods.",
      "Enter the missing unit costs, so the figure speaks for the whole shop.",
    ],
    mistakes: [
      "Celebrating a low cost of goods that comes from missing costs: check cost coverage first.",
      "Editing a product's cost and expecting last month to change: past lines keep the cost they were sold at.",
      "Forgetting that shipping, fees and marketing are separate costs: a good cost of goods doesn't mean a profitable sale.",
    ],
  },
  gross_profit: {
    meaning: [
      "Gross profit is what is left of sales once the products themselves are paid for. It is the money that pays for everything else: shipping, fees, marketing, rent and wages.",
      "It counts only the sales whose product cost is known, because a profit can't be worked out without a cost. Cost coverage says how much of the shop that is.",
      "Growing sales only help if gross profit grows with them: selling more of a product at a loss makes the shop busier and poorer.",
    ],
    computed: [
      "Gross profit = net sales of lines with a known cost − cost of goods sold. The net sales of those lines are their quantity × original price less their discounts, minus the returns of such lines in the period.",
      "Lines without a known cost are left out of both sides. The cost of all goods, used in net profit, estimates them with your default cost rate when you set one.",
    ],
    levers: [
      "Prices: a small rise on best sellers often loses few orders.",
      "Discounts: every unit given away comes straight out of gross profit.",
      "Supplier costs and the product mix: sell more of what earns most.",
      "Returns: an item that comes back earns nothing and may cost its price.",
    ],
    mistakes: [
      "Comparing gross profit of periods with different cost coverage: a month with more costs entered looks less profitable without being so.",
      "Taking gross profit for the shop's profit: fees, shipping, marketing and other costs still come off it.",
      "Chasing sales of low-margin products because they sell easily.",
    ],
  },
  gross_margin: {
    meaning: [
      "Gross margin is gross profit as a share of sales: out of each 100 sold, how much is left after paying for the products.",
      "It is the figure that says whether the shop's pricing works. A shop with a thin margin needs many more sales to pay the same costs.",
      "Because it is a share, it compares months of different sizes and shops of different sizes; but it speaks only for sales whose product cost is known.",
    ],
    computed: [
      "Gross margin = gross profit ÷ net sales of lines with a known cost, both over the period. Lines without a known cost are left out of both.",
      "Without sales with a known cost there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "A price review of best sellers whose costs rose.",
      "Fewer, targeted discounts: they come straight off the margin.",
      "Better buying: supplier terms, batch sizes, cheaper packaging.",
      "Filling in missing product costs, so the margin speaks for all of the sales.",
    ],
    mistakes: [
      "Reading margin without cost coverage: a margin over 40% of sales says little about the other 60%.",
      "Cutting prices to win orders without checking how many more orders the lower margin needs.",
      "Comparing it with the margin suppliers quote, which is often worked out on the cost price rather than on sales.",
    ],
  },
  cost_coverage: {
    meaning: [
      "Cost coverage is the share of sales whose product cost is known. It says how far you can trust the margin and profit figures.",
      "It is not a business result but a data-quality figure: at 100%, gross margin speaks for the whole shop; at 60%, it speaks for only part of it and may be far off.",
      "New products are the usual gap: they are added to the shop without a unit cost, sell, and quietly leave the margin figures.",
    ],
    computed: [
      "Cost coverage = gross sales of lines with a known unit cost ÷ gross sales, over the period's orders.",
      "A line has a known cost when its product variant still exists and has a unit cost in Shopify; the app keeps the cost it saw when it first stored the line. Without sales there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Enter unit costs in Shopify for every product that lacks one, best sellers first.",
      "Make entering the cost part of adding a product.",
      "Set a default cost rate on the Costs page, so net profit estimates the rest meanwhile.",
    ],
    mistakes: [
      "Trusting a margin while coverage is low: the products without a cost may be the ones that earn least.",
      "Expecting a cost entered today to fill past months: lines keep the cost seen when they were first stored.",
      "Treating the default cost rate as a fix: it is an estimate, and real costs are better.",
    ],
  },
  discount_rate: {
    meaning: [
      "Discount rate is the share of gross sales given away in discounts. It shows how much of the shop's price list customers actually pay.",
      "A rising discount rate is one of the most common ways a shop grows sales and loses profit at the same time, because discounts come straight off the margin.",
      "Some discounting is healthy; a rate that keeps creeping up usually means customers have learned to wait for a code.",
    ],
    computed: [
      "Discount rate = discounts ÷ gross sales, over the orders processed in the period.",
      "Without gross sales there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Retire site-wide codes; keep codes for first orders and win-backs.",
      "Replace percentage codes with conditions: a minimum basket, a gift, free shipping.",
      "Shorter, rarer sales, so customers don't wait for the next one.",
      "Watch codes that leak to coupon sites and end them.",
    ],
    mistakes: [
      "Lowering the rate by stopping every promotion at once: sales may drop more than the saving.",
      "Forgetting automatic discounts, which count as much as codes.",
      "Judging a promotion by its orders without its discount: the whole cost of a promotion includes what it gave away.",
    ],
  },
  return_rate: {
    meaning: [
      "Return rate is returns as a share of gross sales: out of each 100 sold, how much came back.",
      "Every return costs twice: the sale is lost, and shipping, handling and sometimes the item itself are lost too. A small fall in the return rate can be worth more than a sales campaign.",
      "Return rates differ a lot by product type: clothing and shoes return far more than coffee, so compare the shop with itself.",
    ],
    computed: [
      "Return rate = returns ÷ gross sales, over the period. Returns are dated when the refund or cancellation happens, gross sales when the order was processed.",
      "Because of those different dates, a month after a big sale can show a high return rate. Without gross sales there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Size guides, real photos and honest descriptions on the most returned products.",
      "Quality checks and careful packing before dispatch.",
      "Fixing or removing the products that come back most.",
      "Offering exchanges before refunds.",
    ],
    mistakes: [
      "Reading one month alone: returns lag sales, so look at a quarter.",
      "Making returns hard to lower the rate: it costs future orders.",
      "Comparing with another shop's rate when the products differ.",
    ],
  },
  transaction_fees: {
    meaning: [
      "Payment fees are what the payment providers charge to take the customers' money: Shopify Payments, PayPal and others. They are a cost of every sale, usually a percentage plus a small fixed amount per payment.",
      "They look small, but on a shop with a thin margin they can take a large share of the profit, especially on many small orders.",
      "Shopify lists the fees for Shopify Payments only. For other gateways the app uses the rule you set on the Costs page, and fee coverage says how much of the payments the figure speaks for.",
    ],
    computed: [
      "Add up the fees listed on the period's successful payments, captures and refunds, each counted on the day it was processed. A refund can give part of a fee back, so it can lower the figure. The tax charged on a fee is left out, like other taxes.",
      "A payment through a gateway that lists no fee is priced by your rule for that gateway (amount × rate + fixed fee, rounded per payment) when you set one; otherwise its fee is unknown and counts as nothing.",
    ],
    levers: [
      "Set a fee rule for every gateway that lists no fees, so the figure is complete.",
      "Steer customers to the cheapest way to pay, where that is fair to them.",
      "Review the plan: Shopify's and the gateways' rates depend on the plan and the volume.",
      "Fewer, bigger orders pay fewer fixed fees per unit sold.",
    ],
    mistakes: [
      "Trusting the figure while fee coverage is low: unknown fees count as nothing.",
      "Forgetting the fixed fee per payment, which weighs most on small orders.",
      "Expecting refunds to return the whole fee: most providers keep part of it.",
    ],
  },
  fee_coverage: {
    meaning: [
      "Fee coverage is the share of the period's payments whose fee is known. It says how complete the payment fees figure is.",
      "Payments through Shopify Payments list their fees; PayPal, manual payments and other gateways don't. Until you set a rule for them on the Costs page, their fees are unknown and net profit looks better than it is.",
      "At 100%, payment fees and net profit speak for every payment. Below 95% the dashboard flags net profit.",
    ],
    computed: [
      "Fee coverage = the amount of the period's successful payments and captures whose fee is known (listed by the gateway, or priced by your rule) ÷ the amount of all of them.",
      "Refunds are not payments and don't count here. Without payments there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "On the Costs page, set a fee rule (rate and fixed fee) for each gateway that lists no fees.",
      "Check the gateways named on your payments: a new gateway starts without a rule.",
    ],
    mistakes: [
      "Reading net profit without checking fee coverage.",
      "Setting a rule with a rough rate and forgetting it: update it when the provider's prices change.",
      "Setting a rule for Shopify Payments: it lists its own fees, and a rule never replaces listed fees.",
    ],
  },
  shipping_costs: {
    meaning: [
      "Shipping costs are what the shop pays the carriers to send its orders. Shopify records what customers paid for shipping, not what it cost the shop, so this figure comes from your settings.",
      "Shipping is often the second-largest cost of an online sale after the products, and free-shipping offers make the shop carry all of it.",
      "Shipping coverage says how many of the shipped orders have a known cost.",
    ],
    computed: [
      "For each order processed in the period with a shipping address: the actual cost you imported for that order, if any; otherwise the first of your rules that covers its country (the country's own rule, then the rest of the world): per order + per unit × the order's units.",
      "An order no rule covers has an unknown cost and counts as nothing. An order cancelled in full without any refund gives its cost back on the day it was cancelled.",
    ],
    levers: [
      "Negotiate carrier rates, or compare carriers for the main destinations.",
      "Lighter and smaller packaging: carriers charge by weight and size, so a smaller box can move an order into a cheaper band.",
      "A free-shipping threshold rather than free shipping on every order, so small orders don't lose money.",
      "Import the carrier's actual costs, so the figure is exact rather than estimated.",
    ],
    mistakes: [
      "Forgetting shipping in the price of a free-shipping offer.",
      "Leaving countries without a rule: their orders ship for “nothing” in the figures.",
      "Comparing shipping costs with shipping charged without noticing orders that shipped free.",
    ],
  },
  shipping_coverage: {
    meaning: [
      "Shipping coverage is the share of the period's shipped orders whose shipping cost is known. It says how complete the shipping costs figure is.",
      "An order's cost is known when you imported its actual cost or one of your shipping rules covers its country. Orders to countries without a rule count as shipping for nothing.",
      "At 100%, shipping costs and net profit speak for every shipped order. Below 95% the dashboard flags net profit.",
    ],
    computed: [
      "Shipping coverage = orders processed in the period with a shipping address whose cost is known ÷ all orders processed in the period with a shipping address.",
      "Orders that ship nothing (no shipping address) are left out. Without shipped orders there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Add a rule for the rest of the world on the Costs page, so every country has a cost.",
      "Add rules for the countries you ship to most, with their real rates.",
      "Import the carrier's costs per order.",
    ],
    mistakes: [
      "Reading net profit without checking shipping coverage.",
      "Setting one rule for every country when some destinations cost far more.",
      "Forgetting to update rules when carrier prices change.",
    ],
  },
  custom_costs: {
    meaning: [
      "Other costs are the shop's costs that Shopify doesn't know about: rent, software, wages, packaging, an agency, insurance. You enter them on the Costs page.",
      "Without them, net profit is the profit of the sales alone, not of the business. Entering them shows whether the shop really pays for itself.",
      "They come in three kinds: a monthly amount, a one-off amount on a date, and a percentage of sales (a marketplace commission, for example).",
    ],
    computed: [
      "For each day of the period: every monthly cost spread evenly over the days of its calendar month (within its first and last month when it has them), every one-off cost on its date, and every percentage cost applied to that day's net sales. The days are added up.",
      "The amounts are kept exact until the period's figure is rounded once, so a month's share of a yearly cost entered monthly adds up to the cent.",
    ],
    levers: [
      "Review subscriptions and services regularly, and cancel what nobody uses.",
      "Renegotiate fixed costs as the shop grows.",
      "Turn fixed costs into variable ones where you can, so a quiet month costs less.",
    ],
    mistakes: [
      "Leaving them out and reading net profit as the business's profit.",
      "Entering a yearly bill as a one-off: the month it is paid looks terrible and the others too good. Enter it as a monthly cost.",
      "Counting advertising here as well as in promotions or ad spend: it would be counted twice.",
    ],
  },
  cogs_all: {
    meaning: [
      "Cost of all goods is the cost of every product sold, including those without a unit cost in Shopify, estimated with your default cost rate. It is the product cost net profit subtracts.",
      "Cost of goods sold counts only products with a known cost; this figure fills the gap, so net profit is not flattered by products nobody entered a cost for.",
      "Without a default cost rate it is simply the cost of goods sold.",
    ],
    computed: [
      "Cost of all goods = cost of goods sold + default cost rate × (net sales − net sales of lines with a known cost), when you set a default cost rate on the Costs page; otherwise it equals cost of goods sold.",
      "The estimate is worked out exactly and the period's figure rounded once.",
    ],
    levers: [
      "Everything that lowers the cost of goods: supplier terms, the product mix.",
      "Entering real unit costs, so less of the figure is an estimate.",
      "A default cost rate close to your real average cost, reviewed when prices change.",
    ],
    mistakes: [
      "A default cost rate far from reality: net profit is then wrong in proportion to the uncosted sales.",
      "Leaving no default rate while cost coverage is low: the uncosted sales then cost nothing.",
      "Reading this figure as exact: the estimated part is only as good as the rate.",
    ],
  },
  net_profit: {
    meaning: [
      "Net profit is what the shop keeps after every cost the app knows: products, payment fees, shipping, marketing and your other costs. It answers the owner's real question: did we make money?",
      "Many figures can look good while net profit falls: sales up through discounts, AOV up through big-basket offers, orders up through expensive ads. That is why goals often name net profit as their outcome.",
      "Its note on the dashboard says how much of each cost is known; a cost nobody entered counts as nothing and flatters the result.",
    ],
    computed: [
      "Net profit = net sales − cost of all goods − payment fees − shipping costs − marketing spend − other costs, all over the period.",
      "The parts are kept exact and the result is rounded once. Taxes are left out, as in the rest of the app.",
    ],
    levers: [
      "Sales that keep their margin: more orders and bigger baskets without deeper discounts.",
      "Product costs and prices: gross margin is usually the biggest lever.",
      "Marketing that pays back: cut campaigns that bring sales at a loss.",
      "Shipping, fees and other costs: each is small, together they add up.",
    ],
    mistakes: [
      "Reading it while a cost is unknown: check the coverage note and the flag.",
      "Judging one week: a large one-off cost or a batch of refunds can swing a short period.",
      "Chasing a single indicator that looks good while net profit falls: ask whether the indicator serves the goal.",
    ],
  },
  net_margin: {
    meaning: [
      "Net margin is net profit as a share of net sales: out of each 100 the customers kept, how much the shop keeps after all its costs.",
      "It compares periods of different sizes: a busy month can make more profit and still have a worse margin than a quiet one.",
      "A falling net margin while sales grow is the clearest sign that the growth is being bought.",
    ],
    computed: [
      "Net margin = net profit ÷ net sales, over the period.",
      "Without net sales there is nothing to divide by, and the app shows “—”. When net sales are negative (more refunds than sales) the margin is hard to read: look at net profit itself.",
    ],
    levers: [
      "Gross margin: prices, discounts and product costs.",
      "Marketing efficiency: spend that brings sales at a good rate.",
      "Fixed costs spread over more sales.",
    ],
    mistakes: [
      "Comparing net margins of periods with different cost coverage.",
      "Reading margin alone: a high margin on tiny sales pays no bills.",
      "Forgetting that a percentage cost (a commission) lowers the margin at any size.",
    ],
  },
  mer: {
    meaning: [
      "Marketing efficiency (MER) is net sales divided by marketing spend: how much the shop sold for each 1 spent on marketing, whether the orders are attributed to a campaign or not.",
      "It is the honest, whole-shop view of marketing: attribution misses orders from people who saw an ad and came back later, and MER counts them.",
      "A falling MER means each unit of marketing brings less: the spend is growing faster than the sales it brings.",
    ],
    computed: [
      "MER = net sales ÷ marketing spend, over the period, shown as a multiple (4.20× means 4.20 of sales for each 1 spent).",
      "Without marketing spend there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Stop or fix the campaigns and promotions that bring little.",
      "Put more into what brings customers who come back.",
      "Grow the sales that need no spend: repeat customers, email, search.",
    ],
    mistakes: [
      "Comparing it with a platform's ROAS: MER counts all sales and all spend.",
      "Cutting all marketing because MER is low: some spend may be what keeps sales up.",
      "Forgetting spend that isn't logged: a campaign nobody logged makes MER look better than it is.",
    ],
  },
  cac: {
    meaning: [
      "Customer acquisition cost (CAC) is marketing spend divided by new customers: what it cost, on average, to win each new customer.",
      "It only makes sense beside what a customer brings: if a new customer's first order earns less than the CAC, the shop needs them to come back to break even.",
      "It is a blunt figure: it puts all marketing on new customers, although some of it brings back regulars.",
    ],
    computed: ["CAC = marketing spend ÷ new customers, over the period.", "Without new customers there is nothing to divide by, and the app shows “—”."],
    levers: [
      "Campaigns aimed at new audiences, with offers that convert first-time visitors.",
      "Referrals, which bring new customers at a low cost.",
      "Stopping spend that reaches only existing customers, or judging it on another figure.",
    ],
    mistakes: [
      "Comparing CAC with the first order's value only: a customer's worth includes the orders that follow.",
      "Lowering CAC by winning customers who never return.",
      "Reading a month with a big campaign that started at its end: the customers it brings arrive the next month.",
    ],
  },
  ad_spend: {
    meaning: [
      "Ad spend is what the shop paid the advertising platforms: the campaigns of the ad accounts you connected (Meta, Google Ads, TikTok), the ad spend the sales channels report to Shopify, and any spend you imported for channels nothing connects.",
      "It is usually the largest part of marketing spend. Seeing it beside the promotions shows which money the team's actions explain and which no one has logged.",
      "An ad account in another currency counts once you set the month's rate on the Costs page; until then its spend is left out.",
    ],
    computed: [
      "Add up the daily spend of every campaign of the selected accounts of each connected platform, for the period's dates as the platform reports them, converted at your monthly rate where the currency differs; plus the ad spend sales channels reported to Shopify for those dates (except the channel of a platform connected directly, which would count twice); plus the days you imported.",
      "Each campaign's day is rounded to the currency's smallest unit when it is converted.",
    ],
    levers: [
      "Pause campaigns that bring no attributed orders after a fair test.",
      "Tag every campaign with a UTM campaign that matches a promotion, so its results are measured.",
      "Shift budget to the campaigns with the best return.",
    ],
    mistakes: [
      "Leaving a currency without a rate: its spend is missing and every figure looks cheaper.",
      "Running campaigns nobody logs as promotions: the review shows them as unexplained spend.",
      "Judging a campaign on its first days: platforms need time to learn.",
    ],
  },
  marketing_spend: {
    meaning: [
      "Marketing spend is everything the shop spent on marketing in the period: the promotions the team logged and, once there is ad spend, the ad platforms' spend too.",
      "It is the cost side of every marketing figure: the marketing cost ratio, MER, CAC and ROAS all divide by it or into it.",
      "A promotion linked to an ad campaign counts through that campaign, never twice.",
    ],
    computed: [
      "Each promotion's spend is spread evenly over its days, and the days in the period are added up. Once the shop has ad spend (a platform connected, or a channel reporting spend to Shopify), marketing spend = ad spend + that sum over the promotions not linked to an ad campaign.",
      "A promotion is linked by hand, by its UTM campaign being a connected campaign's, or by spend imported for it; its spend is then the campaign's.",
    ],
    levers: [
      "Log every promotion with its real spend, so the figure is complete.",
      "Set budgets per promotion and check them in the weekly review.",
      "Stop what doesn't pay back: a promotion whose verdict is “no effect” twice is spend that can go elsewhere.",
    ],
    mistakes: [
      "Typing a promotion's spend and also linking it to its campaign: the app counts the campaign's, so check which is right.",
      "Leaving spend out because it was paid earlier: a promotion's spend belongs to its days.",
      "Counting discounts here: they are in discounts, and a promotion's whole cost adds them.",
    ],
  },
  marketing_cost_ratio: {
    meaning: [
      "Marketing cost ratio is marketing spend as a share of net sales: out of each 100 sold, how much went on marketing.",
      "It is MER turned around, and easier to read against a budget: a shop may decide to spend at most 15% of sales on marketing.",
      "Rising with flat sales means the same sales now cost more to win.",
    ],
    computed: [
      "Marketing cost ratio = marketing spend ÷ net sales, over the period.",
      "Without net sales there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Cut the campaigns and promotions that bring least.",
      "Grow the sales that need no spend: repeat customers, email, search.",
      "Set a budget as a share of sales and keep each promotion within it.",
    ],
    mistakes: [
      "Judging a launch month: spend comes first, sales follow.",
      "Forgetting discounts: they cost money too but are not marketing spend here.",
      "Comparing with shops whose margins differ: a high-margin shop can afford a higher ratio.",
    ],
  },
  roas: {
    meaning: [
      "Return on ad spend (ROAS) is the revenue of the orders attributed to promotions, divided by marketing spend: how much attributed revenue each 1 of marketing brought.",
      "It counts only the orders the app can trace to a promotion, by discount code or by the UTM campaign of the last visit. Orders that came from an ad without either are missed, so ROAS usually understates marketing.",
      "It is a figure of revenue, not profit: a ROAS of 3× on products with a 30% margin loses money.",
    ],
    computed: [
      "ROAS = revenue (gross sales − discounts) of the period's orders attributed to a promotion ÷ marketing spend, shown as a multiple. An order is attributed when one of its codes, in any case, or its last visit's UTM campaign matches a promotion's, within the promotion's dates; an order attributed to several promotions counts once.",
      "Without marketing spend there is nothing to divide by, and the app shows “—”.",
    ],
    levers: [
      "Give every promotion a discount code or a UTM campaign, so its orders are attributed.",
      "Shift spend to the promotions with the best return after a fair test.",
      "Better offers and landing pages raise the revenue each visit brings.",
    ],
    mistakes: [
      "Reading ROAS as profit: compare it with your margin, or look at the promotion's gross profit on cost.",
      "Judging a discount by ROAS alone: its main cost is what it gives away, not its typed spend.",
      "Comparing with a platform's own ROAS, which counts views and clicks the app can't see.",
    ],
  },
} satisfies LessonTexts;
