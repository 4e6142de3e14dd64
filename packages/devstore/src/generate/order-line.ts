import { type VariantPlan } from "./catalogue";

/** A line of an order being generated, its money in integer minor units. */
export interface Line {
  variant: VariantPlan | null;
  title: string;
  sku: string | null;
  quantity: number;
  price: number; // shop minor units
  pricePresentment: number;
  discount: number;
  discountPresentment: number;
  id: string;
}
